<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AccountDialog</name>
        <message>
            <source>Add / replace account</source>
            <translation>添加 / 替换账号</translation>
        </message>
        <message>
            <source>blank: the platform's production address</source>
            <translation>留空：平台正式环境地址</translation>
        </message>
        <message>
            <source>the platform's standard template URL</source>
            <translation>平台标准模板的网址</translation>
        </message>
        <message>
            <source>custom area (自定义区) template URL: our goods and order number print there</source>
            <translation>自定义区模板地址：我们的商品和订单号打印在这里</translation>
        </message>
        <message>
            <source>branch (网点) code</source>
            <translation>网点编码</translation>
        </message>
        <message>
            <source>the seller id the platform numbers for</source>
            <translation>平台取号所用的商家 ID</translation>
        </message>
        <message>
            <source>your own PIN</source>
            <translation>你自己的 PIN 码</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>App key</source>
            <translation>App Key</translation>
        </message>
        <message>
            <source>App secret</source>
            <translation>App Secret</translation>
        </message>
        <message>
            <source>Session token</source>
            <translation>授权令牌（Session）</translation>
        </message>
        <message>
            <source>Gateway</source>
            <translation>网关地址</translation>
        </message>
        <message>
            <source>Template URL</source>
            <translation>模板网址</translation>
        </message>
        <message>
            <source>Custom area URL</source>
            <translation>自定义区地址</translation>
        </message>
        <message>
            <source>Branch</source>
            <translation>网点</translation>
        </message>
        <message>
            <source>User id</source>
            <translation>商家 ID</translation>
        </message>
        <message>
            <source>The secret and the session token are stored encrypted and never shown: to replace an account, enter them again.</source>
            <translation>App Secret 和授权令牌加密保存，从不显示：替换账号时请重新输入。</translation>
        </message>
        <message>
            <source>Your PIN</source>
            <translation>你的 PIN 码</translation>
        </message>
        <message>
            <source>Save account</source>
            <translation>保存账号</translation>
        </message>
        <message>
            <source>Enter your own PIN: saving an account is an admin's act.</source>
            <translation>请输入你自己的 PIN 码：保存账号须由管理员本人确认。</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>请 {seconds} 秒后再试。</translation>
        </message>
    </context>
    <context>
        <name>Accounts</name>
        <message>
            <source>No shop is called {shop}.</source>
            <translation>没有名为 {shop} 的店铺。</translation>
        </message>
        <message>
            <source>The app key, the secret and the session token are all needed.</source>
            <translation>App Key、App Secret 和授权令牌都必须填写。</translation>
        </message>
        <message>
            <source>{platform} e-waybills are not supported yet: its balance cannot be asked.</source>
            <translation>暂不支持 {platform} 电子面单：无法查询余额。</translation>
        </message>
        <message>
            <source>This station cannot read the stored secret: its key ({path} or ${env}) is not the one the account was saved with.</source>
            <translation>本工位无法读取已保存的密钥：本机的加密密钥（{path} 或 ${env}）不是保存该账号时所用的那一个。</translation>
        </message>
        <message>
            <source>No account {account}.</source>
            <translation>没有账号 {account}。</translation>
        </message>
        <message>
            <source>{shop} has no e-waybill account for {carrier}.</source>
            <translation>{shop} 没有 {carrier} 的电子面单账号。</translation>
        </message>
        <message>
            <source>The account of {shop} for {carrier} issued {count} numbers: they are voided and reprinted through it, so it stays. Replace its credentials instead.</source>
            <translation>{shop} 的 {carrier} 账号已取过 {count} 个单号：这些单号的作废和重打都要通过它，所以不能删除。请改为替换账号信息。</translation>
        </message>
    </context>
    <context>
        <name>AccountsTab</name>
        <message>
            <source>Shop</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>App key</source>
            <translation>App Key</translation>
        </message>
        <message>
            <source>Branch</source>
            <translation>网点</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>模板</translation>
        </message>
        <message>
            <source>Numbers left</source>
            <translation>剩余单号</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Add / replace account</source>
            <translation>添加 / 替换账号</translation>
        </message>
        <message>
            <source>Refresh balances</source>
            <translation>刷新余额</translation>
        </message>
        <message>
            <source>Remove account</source>
            <translation>删除账号</translation>
        </message>
        <message>
            <source>Save threshold</source>
            <translation>保存提醒阈值</translation>
        </message>
        <message>
            <source>Warn when fewer numbers are left than</source>
            <translation>剩余单号少于此数时提醒</translation>
        </message>
        <message>
            <source>Secrets and session tokens are stored encrypted and never shown. Balances are asked of each platform when you refresh them; 0 turns the warning off.</source>
            <translation>App Secret 和授权令牌加密保存，从不显示。点「刷新余额」时向各平台查询余额；阈值设为 0 则不提醒。</translation>
        </message>
        <message>
            <source>Asking the platforms for the balances…</source>
            <translation>正在向各平台查询余额…</translation>
        </message>
        <message>
            <source>Balances asked: {refused} of {total} accounts refused (see the rows).</source>
            <translation>余额已查询：{total} 个账号中有 {refused} 个被平台拒绝（见表中该行）。</translation>
        </message>
        <message>
            <source>Balances asked of {total} accounts.</source>
            <translation>已查询 {total} 个账号的余额。</translation>
        </message>
        <message>
            <source>Not asked yet</source>
            <translation>尚未查询</translation>
        </message>
        <message>
            <source>Error: {text}</source>
            <translation>出错：{text}</translation>
        </message>
        <message>
            <source>Platform refused: {error}</source>
            <translation>平台拒绝：{error}</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>余额不足</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>{carrier} at {shop}: {left} numbers left</source>
            <translation>{shop} 的 {carrier}：剩余 {left} 单</translation>
        </message>
        <message>
            <source>Running low (fewer than {threshold} numbers): {accounts}</source>
            <translation>单号余额不足（少于 {threshold} 单）：{accounts}</translation>
        </message>
        <message>
            <source>Account saved: {carrier} at {shop} ({platform}).</source>
            <translation>账号已保存：{shop} 的 {carrier}（{platform}）。</translation>
        </message>
        <message>
            <source>{reason} Nothing was saved.</source>
            <translation>{reason}未保存任何内容。</translation>
        </message>
        <message>
            <source>Warn when fewer than {threshold} numbers are left: your PIN to save it.</source>
            <translation>剩余单号少于 {threshold} 单时提醒：请输入你的 PIN 码以保存。</translation>
        </message>
        <message>
            <source>Accounts warn when fewer than {threshold} numbers are left.</source>
            <translation>账号剩余单号少于 {threshold} 单时将提醒。</translation>
        </message>
        <message>
            <source>Remove the {platform} account of {shop} for {carrier}? Your PIN:</source>
            <translation>删除 {shop} 的 {carrier} 账号（{platform}）？请输入你的 PIN 码：</translation>
        </message>
        <message>
            <source>Account removed: {carrier} at {shop}.</source>
            <translation>账号已删除：{shop} 的 {carrier}。</translation>
        </message>
        <message>
            <source>{reason} Nothing was removed.</source>
            <translation>{reason}未删除任何内容。</translation>
        </message>
    </context>
    <context>
        <name>Admin</name>
        <message>
            <source>{field}: “{value}” is not valid.</source>
            <translation>{field}：“{value}”无效。</translation>
        </message>
        <message>
            <source>{field} is too long (at most {max} characters).</source>
            <translation>{field} 太长（最多 {max} 个字符）。</translation>
        </message>
        <message>
            <source>{field} must be between {low} and {high}.</source>
            <translation>{field} 必须在 {low} 到 {high} 之间。</translation>
        </message>
        <message>
            <source>A product with SKU {sku} exists already.</source>
            <translation>商家编码 {sku} 的商品已存在。</translation>
        </message>
        <message>
            <source>Barcode {barcode} already belongs to product {sku}.</source>
            <translation>条码 {barcode} 已属于商品 {sku}。</translation>
        </message>
        <message>
            <source>No product has SKU {sku}.</source>
            <translation>没有商家编码为 {sku} 的商品。</translation>
        </message>
        <message>
            <source>A carrier with code {carrier} exists already.</source>
            <translation>快递公司代码 {carrier} 已存在。</translation>
        </message>
        <message>
            <source>{carrier} is not a known carrier.</source>
            <translation>{carrier} 不是已知的快递公司。</translation>
        </message>
        <message>
            <source>No shop is called {shop}.</source>
            <translation>没有名为 {shop} 的店铺。</translation>
        </message>
        <message>
            <source>{carrier} cannot be both the primary and the secondary carrier.</source>
            <translation>{carrier} 不能同时是首选和备选快递。</translation>
        </message>
        <message>
            <source>{first} – {last} is not a range: same letters, same number of digits, first not after last.</source>
            <translation>{first} – {last} 不是有效号段：字母前缀相同、位数相同、起始号不大于结束号。</translation>
        </message>
        <message>
            <source>A range may hold at most {max} numbers.</source>
            <translation>一个号段最多 {max} 个单号。</translation>
        </message>
        <message>
            <source>{number} is not a {carrier} waybill number.</source>
            <translation>{number} 不是 {carrier} 的运单号。</translation>
        </message>
        <message>
            <source>Every number from {first} to {last} is known already (a number is used once, ever).</source>
            <translation>{first} 到 {last} 的单号都已存在（一个单号只能用一次）。</translation>
        </message>
        <message>
            <source>A PIN is 4 to 12 digits.</source>
            <translation>PIN 为 4 到 12 位数字。</translation>
        </message>
        <message>
            <source>This floor requires PINs of 6 to 12 digits.</source>
            <translation>本现场要求 PIN 码为 6 到 12 位数字。</translation>
        </message>
        <message>
            <source>Set yourself a PIN of {digits} digits first: with a shorter one you could not sign in once {digits} digits are required.</source>
            <translation>请先给自己设置 {digits} 位 PIN 码：要求 {digits} 位之后，用更短的 PIN 码将无法登录。</translation>
        </message>
        <message>
            <source>The badge of {operator} is not locked.</source>
            <translation>{operator} 的工牌没有被锁定。</translation>
        </message>
        <message>
            <source>Supervisors and admins need a PIN: enter one for {operator}.</source>
            <translation>主管和管理员需要 PIN：请为 {operator} 输入一个。</translation>
        </message>
        <message>
            <source>No operator has staff number {operator}.</source>
            <translation>没有工号为 {operator} 的操作员。</translation>
        </message>
        <message>
            <source>Staff number {operator} is taken already.</source>
            <translation>工号 {operator} 已被占用。</translation>
        </message>
        <message>
            <source>Badge {badge} belongs to another operator.</source>
            <translation>工牌 {badge} 属于另一位操作员。</translation>
        </message>
        <message>
            <source>{operator} is the last active admin and stays one.</source>
            <translation>{operator} 是最后一位在职管理员，不能取消。</translation>
        </message>
        <message>
            <source>{reason} Nothing was saved.</source>
            <translation>{reason}未保存任何内容。</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Waybill numbers</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Floor setting</source>
            <translation>现场设置</translation>
        </message>
        <message>
            <source>added</source>
            <translation>新增</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>修改</translation>
        </message>
        <message>
            <source>range added</source>
            <translation>新增号段</translation>
        </message>
        <message>
            <source>PIN reset</source>
            <translation>重置 PIN</translation>
        </message>
        <message>
            <source>deactivated</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>reactivated</source>
            <translation>重新启用</translation>
        </message>
        <message>
            <source>System time zone ({zone})</source>
            <translation>系统时区（{zone}）</translation>
        </message>
    </context>
    <context>
        <name>AdminStation</name>
        <message>
            <source>Products</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Operators</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Carriers and waybill numbers</source>
            <translation>快递公司与运单号</translation>
        </message>
        <message>
            <source>Shops</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>E-waybill accounts</source>
            <translation>电子面单账号</translation>
        </message>
        <message>
            <source>Floor settings</source>
            <translation>现场设置</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>审计日志</translation>
        </message>
        <message>
            <source>Choose a tab, find the entry, change it, save.</source>
            <translation>选择标签页，找到条目，修改后保存。</translation>
        </message>
    </context>
    <context>
        <name>AuditTab</name>
        <message>
            <source>Filter by operator, what or key</source>
            <translation>按操作员、对象或键筛选</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>工作站</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>键</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>变更</translation>
        </message>
    </context>
    <context>
        <name>Camera</name>
        <message>
            <source>Disk full: packing video has stopped. Scanning goes on; free disk space.</source>
            <translation>磁盘已满：打包视频已停止录制。扫描照常进行；请清理磁盘空间。</translation>
        </message>
        <message>
            <source>The camera cannot be opened: this parcel's video will be incomplete.</source>
            <translation>摄像头打不开：这个包裹的打包视频将不完整。</translation>
        </message>
        <message>
            <source>The camera stopped sending pictures: this parcel's video is incomplete.</source>
            <translation>摄像头没有画面了：这个包裹的打包视频不完整。</translation>
        </message>
        <message>
            <source>Video recording stopped and is restarting: this parcel's video is incomplete.</source>
            <translation>录像进程已停止，正在重新启动：这个包裹的打包视频不完整。</translation>
        </message>
        <message>
            <source>The camera address is not valid: use v4l2:/dev/videoN, rtsp://, http:// or test:.</source>
            <translation>摄像头地址无效：请用 v4l2:/dev/videoN、rtsp://、http:// 或 test:。</translation>
        </message>
        <message>
            <source>No H.264 video encoder is available: packing video is off.</source>
            <translation>没有可用的 H.264 视频编码器：打包视频已关闭。</translation>
        </message>
        <message>
            <source>Camera problem: {code}</source>
            <translation>摄像头故障：{code}</translation>
        </message>
        <message>
            <source>Video of {waybill}: {state}</source>
            <translation>{waybill} 的打包视频：{state}</translation>
        </message>
        <message>
            <source>DISK FULL: packing video stopped. Scanning goes on; tell a supervisor.</source>
            <translation>磁盘已满：打包视频已停止录制。扫描照常进行，请通知主管。</translation>
        </message>
        <message>
            <source>CAMERA NOT REACHABLE: no packing video. Scanning goes on; check the camera's cable.</source>
            <translation>摄像头连不上：没有打包视频。扫描照常进行，请检查摄像头的线。</translation>
        </message>
        <message>
            <source>CAMERA LOST: this parcel's video is incomplete. Scanning goes on.</source>
            <translation>摄像头断开：本包裹的视频不完整。扫描照常进行。</translation>
        </message>
        <message>
            <source>VIDEO RECORDING STOPPED: this parcel's video is incomplete. Restarting…</source>
            <translation>视频录制中断：本包裹的视频不完整。正在重新启动…</translation>
        </message>
        <message>
            <source>CAMERA ADDRESS NOT VALID: no packing video. Scanning goes on.</source>
            <translation>摄像头地址无效：没有打包视频。扫描照常进行。</translation>
        </message>
        <message>
            <source>VIDEO ENCODER MISSING: no packing video. Scanning goes on.</source>
            <translation>缺少视频编码器：没有打包视频。扫描照常进行。</translation>
        </message>
        <message>
            <source>CAMERA PROBLEM ({code}): scanning goes on.</source>
            <translation>摄像头故障（{code}）：扫描照常进行。</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>完整</translation>
        </message>
        <message>
            <source>ended by the next scan</source>
            <translation>扫下一单时结束</translation>
        </message>
        <message>
            <source>time limit</source>
            <translation>到达时长上限</translation>
        </message>
        <message>
            <source>station stopped</source>
            <translation>工位关闭</translation>
        </message>
        <message>
            <source>INCOMPLETE</source>
            <translation>不完整</translation>
        </message>
        <message>
            <source>● REC {waybill}</source>
            <translation>● 录制中 {waybill}</translation>
        </message>
        <message>
            <source>● Camera on, waiting for a waybill</source>
            <translation>● 摄像头已开，等待扫描面单</translation>
        </message>
        <message>
            <source>Camera stopped</source>
            <translation>摄像头已停止</translation>
        </message>
        <message>
            <source>Camera starting…</source>
            <translation>摄像头启动中…</translation>
        </message>
        <message>
            <source>Video of {waybill} is incomplete</source>
            <translation>{waybill} 的打包视频不完整</translation>
        </message>
    </context>
    <context>
        <name>CameraTab</name>
        <message>
            <source>v4l2:/dev/video0, rtsp://…, http://… (MJPEG) or test:</source>
            <translation>v4l2:/dev/video0、rtsp://…、http://…（MJPEG）或 test:</translation>
        </message>
        <message>
            <source>Find cameras</source>
            <translation>查找摄像头</translation>
        </message>
        <message>
            <source> fps</source>
            <translation> 帧/秒</translation>
        </message>
        <message>
            <source>Start preview</source>
            <translation>开始预览</translation>
        </message>
        <message>
            <source>Test recording (5 s)</source>
            <translation>试录（5 秒）</translation>
        </message>
        <message>
            <source>Save as this station's camera</source>
            <translation>保存为本工位的摄像头</translation>
        </message>
        <message>
            <source>No preview</source>
            <translation>无预览</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>摄像头</translation>
        </message>
        <message>
            <source>Frame size</source>
            <translation>分辨率</translation>
        </message>
        <message>
            <source>Frame rate</source>
            <translation>帧率</translation>
        </message>
        <message>
            <source>Stop preview</source>
            <translation>停止预览</translation>
        </message>
        <message>
            <source>{state} · {fps} fps · {frames} frames · encoder {encoder}</source>
            <translation>{state} · {fps} 帧/秒 · 共 {frames} 帧 · 编码器 {encoder}</translation>
        </message>
        <message>
            <source>Recording 5 seconds…</source>
            <translation>正在录制 5 秒…</translation>
        </message>
        <message>
            <source>Test clip: {seconds} s, {frames} frames, {kb} KB (about {mb} MB per hour of packing)</source>
            <translation>试录视频：{seconds} 秒，{frames} 帧，{kb} KB（打包每小时约 {mb} MB）</translation>
        </message>
        <message>
            <source>Could not save the settings: {error}</source>
            <translation>无法保存设置：{error}</translation>
        </message>
        <message>
            <source>Saved: {camera}, {width} × {height}, {fps} fps</source>
            <translation>已保存：{camera}，{width} × {height}，{fps} 帧/秒</translation>
        </message>
        <message>
            <source>no camera</source>
            <translation>无摄像头</translation>
        </message>
    </context>
    <context>
        <name>CarrierDialog</name>
        <message>
            <source>Change carrier</source>
            <translation>改快递</translation>
        </message>
        <message>
            <source>Other: say why</source>
            <translation>其他：请写明原因</translation>
        </message>
        <message>
            <source>Order {order} ships with {carrier}. Change to:</source>
            <translation>订单 {order} 当前快递：{carrier}。改为：</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Why?</source>
            <translation>原因？</translation>
        </message>
    </context>
    <context>
        <name>CarriersTab</name>
        <message>
            <source>Code</source>
            <translation>代码</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Numbers left</source>
            <translation>剩余单号</translation>
        </message>
        <message>
            <source>Used</source>
            <translation>已用</translation>
        </message>
        <message>
            <source>Void</source>
            <translation>作废</translation>
        </message>
        <message>
            <source>Areas not served</source>
            <translation>超区（不派送地区）</translation>
        </message>
        <message>
            <source>regular expression, e.g. SF\d{13}</source>
            <translation>正则表达式，例如 SF\d{13}</translation>
        </message>
        <message>
            <source>province or province/city, separated by ;</source>
            <translation>省 或 省/市，用 ; 分隔</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>使用中</translation>
        </message>
        <message>
            <source>New carrier</source>
            <translation>新增快递公司</translation>
        </message>
        <message>
            <source>Save carrier</source>
            <translation>保存快递公司</translation>
        </message>
        <message>
            <source>Waybill number pattern</source>
            <translation>运单号格式</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>First</source>
            <translation>起始号</translation>
        </message>
        <message>
            <source>Last</source>
            <translation>结束号</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>新增数</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>剩余</translation>
        </message>
        <message>
            <source>Added at</source>
            <translation>添加时间</translation>
        </message>
        <message>
            <source>first number</source>
            <translation>起始单号</translation>
        </message>
        <message>
            <source>last number</source>
            <translation>结束单号</translation>
        </message>
        <message>
            <source>Add range</source>
            <translation>添加号段</translation>
        </message>
        <message>
            <source>Add numbers the carrier issued:</source>
            <translation>添加快递公司分配的单号：</translation>
        </message>
        <message>
            <source>Waybill-number pools</source>
            <translation>运单号池</translation>
        </message>
        <message>
            <source>Numbers already known are skipped: a waybill number is used once, ever.</source>
            <translation>已存在的单号会跳过：一个运单号只能用一次。</translation>
        </message>
        <message>
            <source>Carrier {code} saved.</source>
            <translation>快递公司 {code} 已保存。</translation>
        </message>
        <message>
            <source>{added} numbers added for {carrier}, {skipped} already known.</source>
            <translation>{carrier} 新增 {added} 个单号，{skipped} 个已存在。</translation>
        </message>
    </context>
    <context>
        <name>ClipPanel</name>
        <message>
            <source>Packing video recorded</source>
            <translation>打包视频已录制</translation>
        </message>
        <message>
            <source>Packing video deleted (retention)</source>
            <translation>打包视频已删除（保留期满）</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>工位</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Hash</source>
            <translation>哈希校验</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <source>Export for appeal…</source>
            <translation>导出用于申诉…</translation>
        </message>
        <message>
            <source>Key frames</source>
            <translation>关键帧</translation>
        </message>
        <message>
            <source>— not on this PC</source>
            <translation>— 不在本机</translation>
        </message>
        <message>
            <source>✔ matches the chain</source>
            <translation>✔ 与证据链一致</translation>
        </message>
        <message>
            <source>✖ CHANGED since it was recorded</source>
            <translation>✖ 录制后已被改动</translation>
        </message>
        <message>
            <source>{s} s</source>
            <translation>{s} 秒</translation>
        </message>
        <message>
            <source>No packing video of this parcel.</source>
            <translation>此包裹没有打包视频。</translation>
        </message>
        <message>
            <source>This clip was deleted by retention on {at}.</source>
            <translation>此视频已于 {at} 因保留期满删除。</translation>
        </message>
        <message>
            <source>The file is kept on station {station} (PC {host}), whose clip folder this PC does not reach: open it there, or share the folder.</source>
            <translation>视频文件保存在工位 {station}（电脑 {host}），本机访问不到它的视频文件夹：请到该工位查看，或共享该文件夹。</translation>
        </message>
        <message>
            <source>{s} s into the clip</source>
            <translation>视频第 {s} 秒</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Export the packing video for an appeal</source>
            <translation>导出打包视频用于申诉</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message numerus="yes">
            <source>%n clip(s) exported to {folder}</source>
            <translation>
                <numerusform>已导出 %n 段视频到 {folder}</numerusform>
            </translation>
        </message>
        <message>
            <source>(cut to the platform's upload limit; the original is kept)</source>
            <translation>（已按平台上传限制截取；原视频保留不变）</translation>
        </message>
    </context>
    <context>
        <name>ComponentAddressDialog</name>
        <message>
            <source>Print component addresses</source>
            <translation>打印组件地址</translation>
        </message>
        <message>
            <source>The platforms' print components run on the print PC. Give its address and port (for example 192.168.1.20:13528); empty: this computer.</source>
            <translation>各平台的打印组件运行在打印电脑上。请填写它的地址和端口（例如 192.168.1.20:13528）；留空表示本机。</translation>
        </message>
    </context>
    <context>
        <name>Dashboard</name>
        <message>
            <source>Printed</source>
            <extracomment>one colour per step; the legend, the tiles and the table headers name them too</extracomment>
            <translation>已打单</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已校验</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>已称重</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>挂起</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>已交接</translation>
        </message>
        <message>
            <source>Verification incomplete</source>
            <translation>校验未完成</translation>
        </message>
        <message>
            <source>(no reason given)</source>
            <translation>（未写原因）</translation>
        </message>
    </context>
    <context>
        <name>DashboardStation</name>
        <message>
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Refresh (F5)</source>
            <translation>刷新 (F5)</translation>
        </message>
        <message>
            <source>Day:</source>
            <translation>日期：</translation>
        </message>
        <message>
            <source>Per hour: chart</source>
            <translation>每小时：图表</translation>
        </message>
        <message>
            <source>Per hour: table</source>
            <translation>每小时：表格</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <source>Updated {time}</source>
            <translation>更新于 {time}</translation>
        </message>
        <message>
            <source>Hour</source>
            <translation>时段</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Holds</source>
            <translation>挂起数</translation>
        </message>
        <message>
            <source>Holds by reason</source>
            <translation>挂起原因</translation>
        </message>
        <message>
            <source>Per operator</source>
            <translation>按操作员</translation>
        </message>
        <message>
            <source>Still to ship today</source>
            <translation>今日待发</translation>
        </message>
        <message>
            <source>Hour of the day</source>
            <translation>时段（点）</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>包裹数</translation>
        </message>
        <message>
            <source>Parcels per hour, {day}</source>
            <translation>每小时包裹数，{day}</translation>
        </message>
        <message>
            <source>Whole day</source>
            <translation>全天</translation>
        </message>
        <message>
            <source>No holds this day</source>
            <translation>当天没有挂起</translation>
        </message>
        <message>
            <source>(no operator)</source>
            <translation>（无工号）</translation>
        </message>
        <message>
            <source>A past day: the cut-off countdown is shown for today only.</source>
            <translation>历史日期：截单倒计时只在当天显示。</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) paid before it still to ship.</source>
            <translation>
                <numerusform>截单前付款的订单还有 %n 单未发。</numerusform>
            </translation>
        </message>
        <message>
            <source>⚠ Same-day cut-off {time} has passed.</source>
            <translation>⚠ 当日发截单时间 {time} 已过。</translation>
        </message>
        <message>
            <source>Same-day cut-off {time}: {h} h {m:02d} min left.</source>
            <translation>当日发截单 {time}：还剩 {h} 小时 {m:02d} 分。</translation>
        </message>
    </context>
    <context>
        <name>DevicePanel</name>
        <message>
            <source>Scale and scanner test</source>
            <translation>电子秤与扫描枪测试</translation>
        </message>
        <message>
            <source>/dev/ttyUSB0 or a URL</source>
            <translation>/dev/ttyUSB0 或 URL</translation>
        </message>
        <message>
            <source>Refresh ports</source>
            <translation>刷新串口</translation>
        </message>
        <message>
            <source>auto-detect</source>
            <translation>自动识别</translation>
        </message>
        <message>
            <source>protocol default</source>
            <translation>协议默认值</translation>
        </message>
        <message>
            <source>as sent (kg when the frame names none)</source>
            <translation>按数据帧（未标单位时为 kg）</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <source>Disconnect</source>
            <translation>断开</translation>
        </message>
        <message>
            <source>Auto-detect</source>
            <translation>自动识别</translation>
        </message>
        <message>
            <source>Save as this station's scale</source>
            <translation>保存为本工位电子秤</translation>
        </message>
        <message>
            <source>Start simulated scale</source>
            <translation>启动模拟电子秤</translation>
        </message>
        <message>
            <source>Put a parcel on it</source>
            <translation>放上包裹</translation>
        </message>
        <message>
            <source>Take it off</source>
            <translation>取下包裹</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>串口</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>协议</translation>
        </message>
        <message>
            <source>Baud rate</source>
            <translation>波特率</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>单位</translation>
        </message>
        <message>
            <source>Scale</source>
            <translation>电子秤</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Grams</source>
            <translation>克</translation>
        </message>
        <message>
            <source>Scale says</source>
            <translation>秤的稳定标志</translation>
        </message>
        <message>
            <source>Our check</source>
            <translation>本机稳定判断</translation>
        </message>
        <message>
            <source>Overload</source>
            <translation>超载</translation>
        </message>
        <message>
            <source>Net / gross</source>
            <translation>净重 / 毛重</translation>
        </message>
        <message>
            <source>Tare g</source>
            <translation>皮重 g</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>实时</translation>
        </message>
        <message>
            <source>Raw bytes from the scale (hex | text)</source>
            <translation>电子秤原始数据（十六进制 | 文本）</translation>
        </message>
        <message>
            <source>Scan a barcode here</source>
            <translation>在此扫描条码</translation>
        </message>
        <message>
            <source>Each scan is listed with its key timing. If the code lands in the field instead, the scanner types too slowly to be told from a person: shorten its inter-key delay.</source>
            <translation>每次扫描都会列出按键间隔。如果条码反而出现在输入框里，说明扫描枪输入太慢，无法与人工输入区分：请缩短扫描枪的按键间隔。</translation>
        </message>
        <message>
            <source>Serial scanner port (optional)</source>
            <translation>串口扫描枪端口（可选）</translation>
        </message>
        <message>
            <source>Connect scanner</source>
            <translation>连接扫描枪</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>来源</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>条码</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>按键数</translation>
        </message>
        <message>
            <source>Avg ms/key</source>
            <translation>平均 毫秒/键</translation>
        </message>
        <message>
            <source>Max ms/key</source>
            <translation>最大 毫秒/键</translation>
        </message>
        <message>
            <source>Ended by</source>
            <translation>结束键</translation>
        </message>
        <message>
            <source>Scanner</source>
            <translation>扫描枪</translation>
        </message>
        <message>
            <source>Scale and scanner</source>
            <translation>电子秤和扫描枪</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>摄像头</translation>
        </message>
        <message>
            <source>simulated scale</source>
            <translation>模拟电子秤</translation>
        </message>
        <message>
            <source>Could not save the settings: {error}</source>
            <translation>无法保存设置：{error}</translation>
        </message>
        <message>
            <source>Saved: {port}, {protocol}</source>
            <translation>已保存：{port}，{protocol}</translation>
        </message>
        <message>
            <source>Choose or type a port first.</source>
            <translation>请先选择或输入串口。</translation>
        </message>
        <message>
            <source>No protocol recognised: bytes did not parse at any common setting. Check the cable and that the indicator sends its weight.</source>
            <translation>未识别出协议：常用设置下均无法解析数据。请检查连线，并确认仪表在发送重量。</translation>
        </message>
        <message>
            <source>Found {protocol} at {settings}, confidence {pct}%</source>
            <translation>识别为 {protocol}（{settings}），可信度 {pct}%</translation>
        </message>
        <message>
            <source>Also possible: {others}</source>
            <translation>其他可能：{others}</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} g</translation>
        </message>
        <message>
            <source>Overload / out of range</source>
            <translation>超载 / 超出量程</translation>
        </message>
        <message>
            <source>Stable</source>
            <translation>稳定</translation>
        </message>
        <message>
            <source>Moving ({run} close readings)</source>
            <translation>波动中（连续 {run} 个相近读数）</translation>
        </message>
        <message>
            <source>Disconnect scanner</source>
            <translation>断开扫描枪</translation>
        </message>
        <message>
            <source>Port open: waiting for a scan</source>
            <translation>端口已打开：等待扫描</translation>
        </message>
        <message>
            <source>Connected: scans arrive</source>
            <translation>已连接：收到扫描</translation>
        </message>
        <message>
            <source>Frames: {frames}    Bad frames: {bad}    Bytes: {bytes}</source>
            <translation>数据帧：{frames}    错误帧：{bad}    字节：{bytes}</translation>
        </message>
        <message>
            <source>stable</source>
            <translation>稳定</translation>
        </message>
        <message>
            <source>moving</source>
            <translation>波动</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>net</source>
            <translation>净重</translation>
        </message>
        <message>
            <source>gross</source>
            <translation>毛重</translation>
        </message>
        <message>
            <source>keyboard</source>
            <translation>键盘</translation>
        </message>
        <message>
            <source>serial</source>
            <translation>串口</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>回车</translation>
        </message>
        <message>
            <source>Tab</source>
            <translation>Tab</translation>
        </message>
        <message>
            <source>{code}  ({keys} keys, {avg} ms/key on average, {max} ms at most)</source>
            <translation>{code}  （{keys} 键，平均 {avg} 毫秒/键，最长 {max} 毫秒）</translation>
        </message>
        <message>
            <source>{code}  (serial scanner)</source>
            <translation>{code}  （串口扫描枪）</translation>
        </message>
    </context>
    <context>
        <name>Devices</name>
        <message>
            <source>You may not open {port}. Add your user to the dialout group:
sudo usermod -aG dialout $USER
(or install the udev rule resources/linux/99-parcelproof-serial.rules)
then log out and log in again.</source>
            <translation>没有权限打开 {port}。请把当前用户加入 dialout 组：
sudo usermod -aG dialout $USER
（或安装 udev 规则 resources/linux/99-parcelproof-serial.rules）
然后注销并重新登录。</translation>
        </message>
        <message>
            <source>Port {port} not found: is the cable plugged in, is the port name right?</source>
            <translation>找不到串口 {port}：线缆是否插好？串口名称是否正确？</translation>
        </message>
        <message>
            <source>Port {port} is used by another program: close it, then connect again.</source>
            <translation>串口 {port} 正被其他程序占用：请关闭该程序后重新连接。</translation>
        </message>
        <message>
            <source>{port} is not a port name or URL this program understands.</source>
            <translation>{port} 不是本程序能识别的串口名称或 URL。</translation>
        </message>
        <message>
            <source>Port {port} refuses these line settings (baud, parity).</source>
            <translation>串口 {port} 不接受这些通信参数（波特率、校验位）。</translation>
        </message>
        <message>
            <source>Reading {port} failed: the cable was pulled or the device restarted.</source>
            <translation>读取 {port} 失败：线缆被拔出或设备已重启。</translation>
        </message>
        <message>
            <source>This scale protocol is not known.</source>
            <translation>未知的电子秤协议。</translation>
        </message>
        <message>
            <source>Connecting: port open, waiting for data</source>
            <translation>连接中：端口已打开，等待数据</translation>
        </message>
        <message>
            <source>Connected: data arrives</source>
            <translation>已连接：正在接收数据</translation>
        </message>
        <message>
            <source>No data: the port is open but the scale sends nothing (cable, baud rate, continuous output switched off?)</source>
            <translation>无数据：端口已打开但电子秤没有发送（检查线缆、波特率，连续输出是否关闭？）</translation>
        </message>
        <message>
            <source>Disconnected</source>
            <translation>已断开</translation>
        </message>
        <message>
            <source>Not connected</source>
            <translation>未连接</translation>
        </message>
        <message>
            <source>Detecting the protocol (a few seconds)</source>
            <translation>正在识别协议（需要几秒）</translation>
        </message>
    </context>
    <context>
        <name>Dispute</name>
        <message>
            <source>{key} matches {count} parcels: choose one.</source>
            <translation>{key} 匹配 {count} 个包裹：请选择一个。</translation>
        </message>
        <message>
            <source>{claim} is not a known claim.</source>
            <translation>{claim} 不是已知的申诉类型。</translation>
        </message>
        <message>
            <source>{grams} is not a weight.</source>
            <translation>{grams} 不是有效重量。</translation>
        </message>
        <message>
            <source>Case {case} does not exist.</source>
            <translation>案件 {case} 不存在。</translation>
        </message>
        <message>
            <source>{month} is not a month (YYYY-MM).</source>
            <translation>{month} 不是月份（YYYY-MM）。</translation>
        </message>
        <message>
            <source>Cannot write {path}: {detail}</source>
            <translation>无法写入 {path}：{detail}</translation>
        </message>
        <message>
            <source>Dispute registered</source>
            <translation>售后登记</translation>
        </message>
        <message>
            <source>Dispute settled</source>
            <translation>售后结案</translation>
        </message>
        <message>
            <source>Items missing (少件)</source>
            <translation>少件</translation>
        </message>
        <message>
            <source>Broken (破损)</source>
            <translation>破损</translation>
        </message>
        <message>
            <source>Wrong goods (错发)</source>
            <translation>错发</translation>
        </message>
        <message>
            <source>Not received (未收到)</source>
            <translation>未收到</translation>
        </message>
        <message>
            <source>No weighing on record for this parcel.</source>
            <translation>该包裹没有称重记录。</translation>
        </message>
        <message>
            <source>The destination's weight agrees with dispatch ({n} g apart).</source>
            <translation>目的地称重与出库称重一致（相差 {n} 克）。</translation>
        </message>
        <message>
            <source>Lighter at the destination by {n} g: something left the parcel.</source>
            <translation>目的地比出库轻 {n} 克：途中有物品离开包裹。</translation>
        </message>
        <message>
            <source>Heavier at the destination by {n} g.</source>
            <translation>目的地比出库重 {n} 克。</translation>
        </message>
        <message>
            <source>Weighed as expected at dispatch ({n} g apart): it left complete.</source>
            <translation>出库称重与应有重量一致（相差 {n} 克）：出库时完整。</translation>
        </message>
        <message>
            <source>Lighter than expected at dispatch by {n} g: it left short?</source>
            <translation>出库称重比应有重量轻 {n} 克：出库时少件？</translation>
        </message>
        <message>
            <source>Heavier than expected at dispatch by {n} g: extra goods?</source>
            <translation>出库称重比应有重量重 {n} 克：多发？</translation>
        </message>
        <message>
            <source>Sure: only this fits the difference.</source>
            <translation>确定：只有这一组合符合差异。</translation>
        </message>
        <message>
            <source>Not sure: other items fit the difference as well.</source>
            <translation>不确定：其他商品也同样符合差异。</translation>
        </message>
        <message>
            <source>No item fits the difference.</source>
            <translation>没有商品符合该差异。</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>打单</translation>
        </message>
        <message>
            <source>Reprinted</source>
            <translation>补打</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>已配货</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已校验</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>已打包</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>称重</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>交接</translation>
        </message>
    </context>
    <context>
        <name>DisputeStation</name>
        <message>
            <source>Waybill no., order no., receiver name or last 4+ digits of the phone</source>
            <translation>运单号、订单号、收件人姓名或手机号后 4 位以上</translation>
        </message>
        <message>
            <source>Look up</source>
            <translation>查询</translation>
        </message>
        <message>
            <source>Scan or type a waybill number to see the parcel's story.</source>
            <translation>扫描或输入运单号，查看包裹全过程。</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>What</source>
            <translation>事件</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>工位</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>grams, if the destination reweighed</source>
            <translation>目的地复称重量（克）</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>核实</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>环节</translation>
        </message>
        <message>
            <source>Register case</source>
            <translation>登记案件</translation>
        </message>
        <message>
            <source>Evidence report…</source>
            <translation>证据报告…</translation>
        </message>
        <message>
            <source>Claim</source>
            <translation>申诉类型</translation>
        </message>
        <message>
            <source>Destination weight</source>
            <translation>目的地称重</translation>
        </message>
        <message>
            <source>Story</source>
            <translation>经手记录</translation>
        </message>
        <message>
            <source>Packing video</source>
            <translation>打包视频</translation>
        </message>
        <message>
            <source>All claims</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>All carriers</source>
            <translation>全部快递</translation>
        </message>
        <message>
            <source>All months</source>
            <translation>全部月份</translation>
        </message>
        <message>
            <source>Export CSV/XLSX…</source>
            <translation>导出 CSV/XLSX…</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>案件</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>登记时间</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Order no.</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>结论</translation>
        </message>
        <message>
            <source>Difference g</source>
            <translation>差异（克）</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>处理结果</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>责任方</translation>
        </message>
        <message>
            <source>Outcome, e.g. courier compensates</source>
            <translation>处理结果，例如：快递赔付</translation>
        </message>
        <message>
            <source>Courier</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Warehouse</source>
            <translation>仓库</translation>
        </message>
        <message>
            <source>Buyer</source>
            <translation>买家</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Settle case</source>
            <translation>结案</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>月份</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>案件数</translation>
        </message>
        <message>
            <source>Cases per month by claim and carrier</source>
            <translation>按月、申诉类型和快递统计的案件数</translation>
        </message>
        <message>
            <source>Check a parcel</source>
            <translation>核实包裹</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>报表登记</translation>
        </message>
        <message>
            <source>Looking up…</source>
            <translation>正在查询…</translation>
        </message>
        <message>
            <source>No parcel matches {key}.</source>
            <translation>没有包裹匹配 {key}。</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) match: choose one.</source>
            <translation>
                <numerusform>匹配 %n 个包裹：请选择一个。</numerusform>
            </translation>
        </message>
        <message>
            <source>Packing video ({n})</source>
            <translation>打包视频（{n}）</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Expected {expected} (± {tol} g) · weighed at dispatch {recorded}</source>
            <translation>应有重量 {expected}（± {tol} 克）· 出库称重 {recorded}</translation>
        </message>
        <message>
            <source>Destination {dest} · difference {diff}</source>
            <translation>目的地 {dest} · 差异 {diff}</translation>
        </message>
        <message>
            <source>At dispatch: {text}</source>
            <translation>出库时：{text}</translation>
        </message>
        <message>
            <source>Most likely: {items}</source>
            <translation>最可能：{items}</translation>
        </message>
        <message>
            <source>Stub: bundle {bundle}, position {position}</source>
            <translation>底单：第 {bundle} 捆 第 {position} 张</translation>
        </message>
        <message>
            <source>No stub on record.</source>
            <translation>没有底单记录。</translation>
        </message>
        <message>
            <source>Handed over on manifest {no} to {courier}</source>
            <translation>交接单 {no}，交给 {courier}</translation>
        </message>
        <message>
            <source>Case {case} registered.</source>
            <translation>案件 {case} 已登记。</translation>
        </message>
        <message>
            <source>Save the evidence report</source>
            <translation>保存证据报告</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Evidence report saved: {path}</source>
            <translation>证据报告已保存：{path}</translation>
        </message>
        <message>
            <source>Export the dispute register</source>
            <translation>导出售后登记表</translation>
        </message>
        <message>
            <source>Excel (*.xlsx);;CSV (*.csv)</source>
            <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) exported to {path}</source>
            <translation>
                <numerusform>%n 个案件已导出到 {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a case in the register first.</source>
            <translation>请先在登记表中选择一个案件。</translation>
        </message>
        <message>
            <source>Case {case} settled.</source>
            <translation>案件 {case} 已结案。</translation>
        </message>
    </context>
    <context>
        <name>Error</name>
        <message>
            <source>Badge or staff number {badge} is not known.</source>
            <translation>工牌或工号 {badge} 不存在。</translation>
        </message>
        <message>
            <source>Operator {operator} is no longer active.</source>
            <translation>操作员 {operator} 已停用。</translation>
        </message>
        <message>
            <source>Enter your PIN to sign in.</source>
            <translation>请输入 PIN 码登录。</translation>
        </message>
        <message>
            <source>Wrong PIN. {left} more wrong in a row lock the badge.</source>
            <translation>PIN 码错误。再连续错 {left} 次，工牌将被锁定。</translation>
        </message>
        <message>
            <source>A wrong PIN was typed just now: try again in {wait} s.</source>
            <translation>刚刚输错了 PIN 码：请 {wait} 秒后再试。</translation>
        </message>
        <message>
            <source>The badge of {operator} is locked after too many wrong PINs, until {until}. An admin can unlock it.</source>
            <translation>{operator} 的工牌因多次输错 PIN 码已锁定，至 {until}。管理员可以解锁。</translation>
        </message>
        <message>
            <source>This floor needs PINs of {digits} digits: ask the admin for a new {digits}-digit PIN.</source>
            <translation>本现场要求 {digits} 位 PIN 码：请找管理员设置新的 {digits} 位 PIN 码。</translation>
        </message>
        <message>
            <source>No order matches {key}.</source>
            <translation>没有匹配 {key} 的订单。</translation>
        </message>
        <message>
            <source>No packing video of {key} was found.</source>
            <translation>没有找到 {key} 的打包视频。</translation>
        </message>
        <message>
            <source>The packing video {file} cannot be opened here: it is kept on station {host} (or it has expired).</source>
            <translation>打包视频 {file} 在本机打不开：它保存在工位 {host} 上（或已过期删除）。</translation>
        </message>
        <message>
            <source>A video copy can be cut to the platform's limit, not at all, or to a number of seconds, not {limit}.</source>
            <translation>视频副本只能按平台上限截取、不截取或截取到指定秒数，不能是 {limit}。</translation>
        </message>
        <message>
            <source>A reason is required.</source>
            <translation>必须填写原因。</translation>
        </message>
        <message>
            <source>Operator {operator} may not do this (needs: {roles}).</source>
            <translation>操作员 {operator} 无权执行此操作（需要：{roles}）。</translation>
        </message>
        <message>
            <source>The database cannot be reached: {detail}</source>
            <translation>无法连接数据库：{detail}</translation>
        </message>
        <message>
            <source>The database server cannot be reached (network or server down). Nothing was recorded for this scan: try again when the server is back.</source>
            <translation>连不上数据库服务器（网络或服务器故障）。本次扫描没有记录：服务器恢复后请重扫。</translation>
        </message>
        <message>
            <source>The database has no tables yet: run “parcelproof db upgrade”.</source>
            <translation>数据库还没有表结构：请运行“parcelproof db upgrade”。</translation>
        </message>
        <message>
            <source>The database (schema {have}) is older than this program ({want}): run “parcelproof db upgrade”.</source>
            <translation>数据库结构（{have}）比本程序（{want}）旧：请运行“parcelproof db upgrade”。</translation>
        </message>
        <message>
            <source>The database (schema {have}) is older than this program ({want}). This station signs in to the database as {login}, which may not change the schema: the database's owner must run “parcelproof db upgrade” first.</source>
            <translation>数据库（结构 {have}）比本程序（{want}）旧。本工作站以 {login} 登录数据库，无权修改表结构：请数据库所有者先运行“parcelproof db upgrade”。</translation>
        </message>
        <message>
            <source>The database refused this to this station's login ({detail}). Nothing was recorded. Ask whoever looks after the server to run “parcelproof db grant-station” again.</source>
            <translation>数据库拒绝了本工作站登录身份的这项操作（{detail}），什么也没有记录。请负责服务器的人重新运行“parcelproof db grant-station”。</translation>
        </message>
        <message>
            <source>This program is older than the database (schema {have}, program {want}): update this station.</source>
            <translation>本程序比数据库旧（数据库 {have}，程序 {want}）：请更新本工作站的程序。</translation>
        </message>
        <message>
            <source>The evidence chain in {path} does not verify ({problem}); nothing was changed.</source>
            <translation>{path} 中的证据链校验不通过（{problem}）；未做任何改动。</translation>
        </message>
        <message>
            <source>{path} is damaged (truncated or altered) and cannot be restored: nothing was changed.</source>
            <translation>{path} 已损坏（被截断或改动），无法恢复：未做任何改动。</translation>
        </message>
        <message>
            <source>The backup failed: {detail}.</source>
            <translation>备份失败：{detail}。</translation>
        </message>
        <message>
            <source>{path} was written by a newer program (schema {revision}): update this station first; nothing was changed.</source>
            <translation>{path} 由更新版本的程序写入（数据库结构 {revision}）：请先更新本工作站；未做任何改动。</translation>
        </message>
        <message>
            <source>There is no file {path}.</source>
            <translation>文件 {path} 不存在。</translation>
        </message>
        <message>
            <source>{path} is not a Parcelproof backup: nothing was changed.</source>
            <translation>{path} 不是 Parcelproof 备份：未做任何改动。</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) has a wrong check digit: check the parcel.</source>
            <translation>离线时保存的扫描（{key}）校验位错误：请检查包裹。</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) was one unit too many: check the parcel.</source>
            <translation>离线时保存的扫描（{key}）多了一件：请检查包裹。</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) needed a serial number: check the parcel.</source>
            <translation>离线时保存的扫描（{key}）需要序列号：请检查包裹。</translation>
        </message>
        <message>
            <source>A scan kept while offline names order {key}, which was never opened: check the parcel.</source>
            <translation>离线时保存的扫描指向订单 {key}，但该订单从未打开：请检查包裹。</translation>
        </message>
        <message>
            <source>A serial number kept while offline ({key}) was scanned twice: check the parcel.</source>
            <translation>离线时保存的序列号（{key}）被扫了两次：请检查包裹。</translation>
        </message>
        <message>
            <source>A serial number kept while offline ({key}) is already in another parcel: check the parcel.</source>
            <translation>离线时保存的序列号（{key}）已在另一个包裹中：请检查包裹。</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) is no known product: check the parcel.</source>
            <translation>离线时保存的扫描（{key}）不是已知商品：请检查包裹。</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) was the wrong item: check the parcel.</source>
            <translation>离线时保存的扫描（{key}）是错货：请检查包裹。</translation>
        </message>
        <message>
            <source>The restore failed and was rolled back: {detail}.</source>
            <translation>恢复失败，已回滚：{detail}。</translation>
        </message>
        <message>
            <source>Stations are still connected to the database ({count}): close them first; nothing was changed.</source>
            <translation>仍有工作站连接着数据库（{count}）：请先关闭；未做任何改动。</translation>
        </message>
        <message>
            <source>{tool} is not installed (the PostgreSQL client tools).</source>
            <translation>未安装 {tool}（PostgreSQL 客户端工具）。</translation>
        </message>
        <message>
            <source>reason not given</source>
            <translation>未注明原因</translation>
        </message>
        <message>
            <source>Something went wrong: {code}</source>
            <translation>出错了：{code}</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not known (or no longer in use).</source>
            <translation>运单 {waybill} 不存在（或已作废）。</translation>
        </message>
        <message>
            <source>Waybill {waybill} belongs to a cancelled order: do not ship it.</source>
            <translation>运单 {waybill} 的订单已取消（拦截）：不要发货。</translation>
        </message>
        <message>
            <source>Unknown label format {format}.</source>
            <translation>未知的面单尺寸 {format}。</translation>
        </message>
        <message>
            <source>The batch needs at least one order.</source>
            <translation>每批至少一个订单。</translation>
        </message>
        <message>
            <source>No shop is called {shop}.</source>
            <translation>没有名为 {shop} 的店铺。</translation>
        </message>
        <message>
            <source>The carrier has no free waybill numbers left.</source>
            <translation>该快递公司的运单号已用完。</translation>
        </message>
        <message>
            <source>No carrier serves this address.</source>
            <translation>没有快递公司服务此地址（超区）。</translation>
        </message>
        <message>
            <source>The order is not waiting to print.</source>
            <translation>该订单不在待打单状态。</translation>
        </message>
        <message>
            <source>No carrier has the code {carrier}.</source>
            <translation>没有代码为 {carrier} 的快递公司。</translation>
        </message>
        <message>
            <source>Order {order_no} ({status}): waybill {waybill} is already with the courier.</source>
            <translation>订单 {order_no}（{status}）：运单 {waybill} 的包裹已在快递员手上。</translation>
        </message>
        <message>
            <source>Order {order} is already printed: void its waybill before changing the carrier.</source>
            <translation>订单 {order} 已打单：请先作废面单再改快递。</translation>
        </message>
        <message>
            <source>{carrier} does not deliver to {area} (order {order}).</source>
            <translation>{carrier} 不派送到{area}（订单 {order}），超区。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is a platform e-waybill: it prints only at the platform's print component.</source>
            <translation>运单 {waybill} 是平台电子面单：只能通过平台的打印组件打印。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is one of our own numbers: it prints on the label printer, not at a print component.</source>
            <translation>运单 {waybill} 是本仓自有单号：请用面单打印机打印，不能走打印组件。</translation>
        </message>
        <message>
            <source>The platform refused: {platform_code} {message}. Nothing was changed.</source>
            <translation>平台拒绝：{platform_code} {message}。未做任何更改。</translation>
        </message>
        <message>
            <source>The e-waybill account {account} no longer exists.</source>
            <translation>电子面单账号 {account} 已不存在。</translation>
        </message>
        <message>
            <source>This station cannot read the e-waybill account's secret (its key is not the one the account was saved with): save the account again at the admin station.</source>
            <translation>本工位无法读取电子面单账号的密钥（本机密钥与保存账号时的不同）：请在管理工位重新保存该账号。</translation>
        </message>
        <message>
            <source>E-waybills from {platform} are not supported yet.</source>
            <translation>暂不支持 {platform} 的电子面单。</translation>
        </message>
    </context>
    <context>
        <name>Event</name>
        <message>
            <source>Imported</source>
            <extracomment>the station modules that register words for the event kinds they record: a timeline shown at one station (the dispute desk) names events recorded at all the others</extracomment>
            <translation>已导入</translation>
        </message>
        <message>
            <source>Changed by re-import</source>
            <translation>重新导入时变更</translation>
        </message>
        <message>
            <source>Intercepted</source>
            <translation>已拦截</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Interception too late</source>
            <translation>拦截太晚（已出库）</translation>
        </message>
        <message>
            <source>Cancelled on the platform after shipment</source>
            <translation>发货后平台取消</translation>
        </message>
        <message>
            <source>Put on hold</source>
            <translation>挂起</translation>
        </message>
        <message>
            <source>Wrong PIN</source>
            <translation>PIN 码错误</translation>
        </message>
        <message>
            <source>Badge locked after wrong PINs</source>
            <translation>多次输错 PIN 码，工牌锁定</translation>
        </message>
        <message>
            <source>Badge unlocked by an admin</source>
            <translation>管理员解锁工牌</translation>
        </message>
        <message>
            <source>Address changed</source>
            <translation>地址已修改</translation>
        </message>
        <message>
            <source>Waybill printed</source>
            <translation>已打印面单</translation>
        </message>
        <message>
            <source>Waybill reprinted</source>
            <translation>面单补打</translation>
        </message>
        <message>
            <source>Scan</source>
            <translation>扫描</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>已称重</translation>
        </message>
        <message>
            <source>Override</source>
            <translation>主管放行</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>已交接</translation>
        </message>
        <message>
            <source>Backup restored by force</source>
            <translation>强制恢复备份</translation>
        </message>
        <message>
            <source>Print failed</source>
            <translation>打印失败</translation>
        </message>
        <message>
            <source>Print batch formed</source>
            <translation>生成打单批次</translation>
        </message>
        <message>
            <source>Waybill number given</source>
            <translation>分配运单号</translation>
        </message>
        <message>
            <source>Waybill voided</source>
            <translation>运单作废</translation>
        </message>
        <message>
            <source>Waybill updated on the platform (new address)</source>
            <translation>平台面单已更新（新地址）</translation>
        </message>
        <message>
            <source>Routing table imported</source>
            <translation>导入三段码路由表</translation>
        </message>
        <message>
            <source>Carrier changed by hand</source>
            <translation>手工改快递</translation>
        </message>
        <message>
            <source>Admin change</source>
            <translation>管理变更</translation>
        </message>
        <message>
            <source>E-waybill account saved</source>
            <translation>电子面单账号已保存</translation>
        </message>
        <message>
            <source>E-waybill account removed</source>
            <translation>电子面单账号已删除</translation>
        </message>
    </context>
    <context>
        <name>Handover</name>
        <message>
            <source>{carrier} is not a known carrier.</source>
            <translation>{carrier} 不是已知的快递公司。</translation>
        </message>
        <message>
            <source>Enter the courier's name before closing.</source>
            <translation>请先输入快递员姓名再结束交接。</translation>
        </message>
        <message>
            <source>The cart is empty: nothing to hand over.</source>
            <translation>交接车是空的：没有可交接的包裹。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not on this cart.</source>
            <translation>运单 {waybill} 不在本次交接中。</translation>
        </message>
        <message>
            <source>{platform} is not a known platform.</source>
            <translation>{platform} 不是已知的平台。</translation>
        </message>
        <message>
            <source>Cannot write {path}: {detail}</source>
            <translation>无法写入 {path}：{detail}</translation>
        </message>
        <message>
            <source>Handover cart opened</source>
            <translation>开始交接</translation>
        </message>
        <message>
            <source>Taken off the handover cart</source>
            <translation>移出交接</translation>
        </message>
        <message>
            <source>Exported to the platform</source>
            <translation>已导出平台发货</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not known.</source>
            <translation>运单 {waybill} 不存在。</translation>
        </message>
        <message>
            <source>Order {order_no} is CANCELLED: take the parcel back.</source>
            <translation>订单 {order_no} 已取消（拦截）：请把包裹取回！</translation>
        </message>
        <message>
            <source>Waybill {waybill} has not been weighed: back to weighing.</source>
            <translation>运单 {waybill} 未称重：请送回称重。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is held for its weight: it waits for a supervisor.</source>
            <translation>运单 {waybill} 因重量异常挂起：等待主管处理。</translation>
        </message>
        <message>
            <source>Waybill {waybill} belongs to carrier {carrier}, not to this cart.</source>
            <translation>运单 {waybill} 属于快递 {carrier}，不属于本次交接。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already on this cart.</source>
            <translation>运单 {waybill} 已在本次交接中。</translation>
        </message>
        <message>
            <source>Waybill {waybill} is on another cart.</source>
            <translation>运单 {waybill} 已在另一个交接中。</translation>
        </message>
        <message>
            <source>Waybill {waybill} was handed over already.</source>
            <translation>运单 {waybill} 已交接过。</translation>
        </message>
    </context>
    <context>
        <name>HandoverStation</name>
        <message>
            <source>Open cart</source>
            <translation>开始交接</translation>
        </message>
        <message>
            <source>Remove a parcel (then scan it)</source>
            <translation>移出包裹（再扫描它）</translation>
        </message>
        <message>
            <source>Courier's name</source>
            <translation>快递员姓名</translation>
        </message>
        <message>
            <source>Close and print manifest (F10)</source>
            <translation>结束并打印交接单 (F10)</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Scan the carrier code or choose the carrier</source>
            <translation>扫描快递公司代码或选择快递公司</translation>
        </message>
        <message>
            <source>{carrier}: scan each parcel onto the cart</source>
            <translation>{carrier}：逐件扫描交接</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) on the cart</source>
            <translation>
                <numerusform>已扫 %n 件</numerusform>
            </translation>
        </message>
        <message>
            <source>of {n} weighed for this carrier ({kg})</source>
            <translation>该快递已称重共 {n} 件（{kg}）</translation>
        </message>
        <message numerus="yes">
            <source>%n waiting</source>
            <translation>
                <numerusform>待交接 %n 件</numerusform>
            </translation>
        </message>
        <message>
            <source>Cart opened. Scan the first parcel.</source>
            <translation>交接已开始，请扫描第一个包裹。</translation>
        </message>
        <message>
            <source>released by a supervisor</source>
            <translation>主管放行</translation>
        </message>
        <message>
            <source>On the cart: {waybill} ({grams} g)</source>
            <translation>已交接：{waybill}（{grams} 克）</translation>
        </message>
        <message>
            <source>Scan the parcel to take off the cart.</source>
            <translation>请扫描要移出的包裹。</translation>
        </message>
        <message>
            <source>Taken off the cart: {waybill}</source>
            <translation>已移出：{waybill}</translation>
        </message>
        <message>
            <source>Enter the courier's name before closing.</source>
            <translation>请先输入快递员姓名再结束交接。</translation>
        </message>
        <message numerus="yes">
            <source>%n weighed parcel(s) for this carrier are not on the cart: {waybills}</source>
            <translation>
                <numerusform>该快递有 %n 件已称重包裹不在车上：{waybills}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Close the cart and leave %n parcel(s) behind?</source>
            <translation>
                <numerusform>结束交接并遗留 %n 件包裹？</numerusform>
            </translation>
        </message>
        <message>
            <source>Go back and load them</source>
            <translation>返回装车</translation>
        </message>
        <message>
            <source>Close anyway</source>
            <translation>仍然结束</translation>
        </message>
        <message>
            <source>Scan the parcels left behind onto the cart.</source>
            <translation>请把遗留的包裹扫描装车。</translation>
        </message>
        <message numerus="yes">
            <source>%n weighed parcel(s) left behind — not on this cart:</source>
            <translation>
                <numerusform>%n 件已称重包裹未交接（遗留）：</numerusform>
            </translation>
        </message>
        <message>
            <source>Manifest {no}: {n} parcels handed over, {left} left behind.</source>
            <translation>交接单 {no}：交接 {n} 件，遗留 {left} 件。</translation>
        </message>
        <message>
            <source>Nothing left behind.</source>
            <translation>没有遗留包裹。</translation>
        </message>
        <message>
            <source>Manifest {no}: {n} parcels handed over to {courier}.</source>
            <translation>交接单 {no}：{n} 件已交给 {courier}。</translation>
        </message>
        <message>
            <source>Manifest printed: {where}</source>
            <translation>交接单已打印：{where}</translation>
        </message>
        <message>
            <source>The manifest did not print: {message}</source>
            <translation>交接单打印失败：{message}</translation>
        </message>
    </context>
    <context>
        <name>Hold</name>
        <message>
            <source>Locked on the platform</source>
            <translation>平台锁单</translation>
        </message>
        <message>
            <source>Address changed after printing</source>
            <translation>打单后改地址</translation>
        </message>
        <message>
            <source>Out of stock</source>
            <translation>缺货</translation>
        </message>
        <message>
            <source>Wrong item found</source>
            <translation>发现错货</translation>
        </message>
        <message>
            <source>Damaged goods</source>
            <translation>货品破损</translation>
        </message>
        <message>
            <source>Address problem</source>
            <translation>地址问题</translation>
        </message>
        <message>
            <source>Weight out of tolerance</source>
            <translation>重量超差</translation>
        </message>
        <message>
            <source>Verification incomplete</source>
            <translation>校验未完成</translation>
        </message>
        <message>
            <source>Scanned while offline, refused when sent: check the parcel</source>
            <translation>离线时扫描，补传时被拒：请核查包裹</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Parcelproof</source>
            <translation>Parcelproof 发货台</translation>
        </message>
        <message>
            <source>Stations (F2)</source>
            <translation>工位 (F2)</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Voice on</source>
            <translation>语音提示：开</translation>
        </message>
        <message>
            <source>Voice off</source>
            <translation>语音提示：关</translation>
        </message>
        <message>
            <source>DEMO</source>
            <translation>演示</translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation>未登录</translation>
        </message>
        <message>
            <source>The station “{name}” is not available in this version.</source>
            <translation>此版本没有“{name}”工位。</translation>
        </message>
        <message>
            <source>Locked after idle time. Scan your badge.</source>
            <translation>空闲超时已锁定，请扫描工牌。</translation>
        </message>
    </context>
    <context>
        <name>OperatorsTab</name>
        <message>
            <source>Search staff number, name or badge</source>
            <translation>搜索工号、姓名或工牌</translation>
        </message>
        <message>
            <source>Staff no.</source>
            <translation>工号</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>工牌</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>在职</translation>
        </message>
        <message>
            <source>PIN set</source>
            <translation>已设 PIN</translation>
        </message>
        <message>
            <source>Locked until</source>
            <translation>锁定至</translation>
        </message>
        <message>
            <source>empty: OP + staff number</source>
            <translation>留空：OP + 工号</translation>
        </message>
        <message>
            <source>4–12 digits (6–12 where the floor requires); supervisors and admins need one</source>
            <translation>4–12 位数字（现场要求时 6–12 位）；主管和管理员必须设置</translation>
        </message>
        <message>
            <source>New operator</source>
            <translation>新增操作员</translation>
        </message>
        <message>
            <source>Save operator</source>
            <translation>保存操作员</translation>
        </message>
        <message>
            <source>Reset PIN</source>
            <translation>重置 PIN</translation>
        </message>
        <message>
            <source>Deactivate</source>
            <translation>停用</translation>
        </message>
        <message>
            <source>Unlock badge</source>
            <translation>解锁工牌</translation>
        </message>
        <message>
            <source>Lift the lock after too many wrong PINs (it also ends by itself).</source>
            <translation>解除多次输错 PIN 码后的锁定（到时也会自动解除）。</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Operators are never deleted: events name them. Deactivate instead.</source>
            <translation>操作员不能删除：事件记录引用了他们。请改为停用。</translation>
        </message>
        <message>
            <source>Reactivate</source>
            <translation>重新启用</translation>
        </message>
        <message>
            <source>Operator {code} saved.</source>
            <translation>操作员 {code} 已保存。</translation>
        </message>
        <message>
            <source>Your PIN to add operator {code}.</source>
            <translation>输入你的 PIN 码以添加操作员 {code}。</translation>
        </message>
        <message>
            <source>Your PIN to change operator {code}.</source>
            <translation>输入你的 PIN 码以修改操作员 {code}。</translation>
        </message>
        <message>
            <source>New PIN set for {code}.</source>
            <translation>已为 {code} 设置新 PIN。</translation>
        </message>
        <message>
            <source>Your PIN to set a new PIN for {code}.</source>
            <translation>输入你的 PIN 码以为 {code} 设置新 PIN 码。</translation>
        </message>
        <message>
            <source>Operator {code} reactivated.</source>
            <translation>操作员 {code} 已重新启用。</translation>
        </message>
        <message>
            <source>Operator {code} deactivated.</source>
            <translation>操作员 {code} 已停用。</translation>
        </message>
        <message>
            <source>Your PIN to reactivate {code}.</source>
            <translation>输入你的 PIN 码以重新启用 {code}。</translation>
        </message>
        <message>
            <source>Your PIN to deactivate {code}.</source>
            <translation>输入你的 PIN 码以停用 {code}。</translation>
        </message>
        <message>
            <source>The badge of {code} is unlocked.</source>
            <translation>{code} 的工牌已解锁。</translation>
        </message>
        <message>
            <source>Your PIN to unlock the badge of {code}.</source>
            <translation>输入你的 PIN 码以解锁 {code} 的工牌。</translation>
        </message>
    </context>
    <context>
        <name>OrderBrowser</name>
        <message>
            <source>Order no., waybill no., receiver name or last 4 digits of the phone</source>
            <translation>订单编号、运单号、收货人姓名或手机尾号（后4位）</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>All carriers</source>
            <translation>全部快递</translation>
        </message>
        <message>
            <source>All shops</source>
            <translation>全部店铺</translation>
        </message>
        <message>
            <source>Paid: any time</source>
            <translation>付款时间：不限</translation>
        </message>
        <message>
            <source>Paid today</source>
            <translation>今天付款</translation>
        </message>
        <message>
            <source>Paid yesterday</source>
            <translation>昨天付款</translation>
        </message>
        <message>
            <source>Paid in the last 7 days</source>
            <translation>近 7 天付款</translation>
        </message>
        <message>
            <source>Paid in the last 30 days</source>
            <translation>近 30 天付款</translation>
        </message>
        <message>
            <source>Paid between…</source>
            <translation>付款时间介于…</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>查询中…</translation>
        </message>
        <message>
            <source>more than 100,000 orders</source>
            <translation>超过 100,000 个订单</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s)</source>
            <translation>
                <numerusform>%n 个订单</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OrderDetail</name>
        <message>
            <source>Open an order to see its lines and its history.</source>
            <translation>打开订单查看商品明细和操作记录。</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Unit g</source>
            <translation>单重(克)</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已校验</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>What</source>
            <translation>事项</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>工位</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>操作员</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>商品明细</translation>
        </message>
        <message>
            <source>History</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Carrier {carrier}, waybill {waybill}</source>
            <translation>快递 {carrier}，运单号 {waybill}</translation>
        </message>
        <message>
            <source>Expected weight {grams} g ± {tol} g</source>
            <translation>预计重量 {grams} 克 ± {tol} 克</translation>
        </message>
        <message>
            <source>Buyer message: {text}</source>
            <translation>买家留言：{text}</translation>
        </message>
        <message>
            <source>Seller remark: {text}</source>
            <translation>卖家备注：{text}</translation>
        </message>
    </context>
    <context>
        <name>OrderTableModel</name>
        <message>
            <source>Order no.</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Receiver</source>
            <translation>收货人</translation>
        </message>
        <message>
            <source>Phone tail</source>
            <translation>手机尾号</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>目的地</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>件数</translation>
        </message>
        <message>
            <source>Paid at</source>
            <translation>付款时间</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>This parcel has a packing video: open it at the dispute desk.</source>
            <translation>此包裹有打包视频：请在售后核实台查看。</translation>
        </message>
    </context>
    <context>
        <name>OverrideDialog</name>
        <message>
            <source>Supervisor override</source>
            <translation>主管放行</translation>
        </message>
        <message>
            <source>Scan the supervisor's badge</source>
            <translation>扫描主管工牌</translation>
        </message>
        <message>
            <source>The supervisor's PIN</source>
            <translation>主管密码</translation>
        </message>
        <message>
            <source>Why may this parcel ship?</source>
            <translation>为什么允许此包裹发出？</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>工牌</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>Pack</name>
        <message>
            <source>Gift: {text}</source>
            <translation>赠品：{text}</translation>
        </message>
        <message>
            <source>Invoice: put the envelope on top</source>
            <translation>发票：信封放在最上面</translation>
        </message>
        <message>
            <source>Fragile: {name}</source>
            <translation>易碎：{name}</translation>
        </message>
        <message>
            <source>Use extra filler</source>
            <translation>多加填充物</translation>
        </message>
    </context>
    <context>
        <name>PackStation</name>
        <message>
            <source>SKU</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Scan the waybill</source>
            <translation>扫描运单</translation>
        </message>
        <message>
            <source>{code} is not a carton of this floor (nor a waybill): scan the carton used (suggested: {carton})</source>
            <translation>{code} 不是本仓的纸箱（也不是运单）：请扫描所用纸箱（建议：{carton}）</translation>
        </message>
        <message>
            <source>OFFLINE: scan the carton used</source>
            <translation>离线：扫描所用纸箱</translation>
        </message>
        <message>
            <source>Server unreachable. Waybill {waybill}: scan the carton; it is kept at this station ({kept} waiting) and recorded when the server is back.</source>
            <translation>服务器连不上。运单 {waybill}：请扫描纸箱；先存在本机（共 {kept} 条待传），服务器恢复后入库。</translation>
        </message>
        <message>
            <source>OFFLINE: scan the next waybill</source>
            <translation>离线：扫描下一张运单</translation>
        </message>
        <message>
            <source>Kept offline ({kept} waiting): recorded when the server is back.</source>
            <translation>已离线暂存（共 {kept} 条待传）：服务器恢复后入库。</translation>
        </message>
        <message>
            <source>Order {order_no} · waybill {waybill} · {carrier}</source>
            <translation>订单 {order_no} · 运单 {waybill} · {carrier}</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s)</source>
            <translation>
                <numerusform>%n 件商品</numerusform>
            </translation>
        </message>
        <message>
            <source>Scan the carton used (suggested: {carton}): weighing needs it</source>
            <translation>扫描所用纸箱（建议：{carton}）：称重前必须确认打包</translation>
        </message>
        <message>
            <source>Scan the carton used (suggested: {carton})</source>
            <translation>扫描所用纸箱（建议：{carton}）</translation>
        </message>
        <message>
            <source>Order {order_no} opened</source>
            <translation>订单 {order_no} 已打开</translation>
        </message>
        <message>
            <source>Order {order_no} packed in {carton}</source>
            <translation>订单 {order_no} 已打包，使用 {carton}</translation>
        </message>
        <message>
            <source>Packed — scan the next waybill</source>
            <translation>已打包 — 扫描下一张运单</translation>
        </message>
    </context>
    <context>
        <name>Packing</name>
        <message>
            <source>carton</source>
            <translation>纸箱</translation>
        </message>
        <message>
            <source>filler</source>
            <translation>填充物</translation>
        </message>
    </context>
    <context>
        <name>PickStation</name>
        <message>
            <source>Bin</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>已配货</translation>
        </message>
        <message>
            <source>Short</source>
            <translation>缺货</translation>
        </message>
        <message>
            <source>Confirm line (F6)</source>
            <translation>确认整行 (F6)</translation>
        </message>
        <message>
            <source>Shortage on line (F7)</source>
            <translation>本行缺货 (F7)</translation>
        </message>
        <message>
            <source>Scan the pick list or a waybill</source>
            <translation>扫描配货单或运单</translation>
        </message>
        <message>
            <source>Pick list {code} · {n} orders</source>
            <translation>配货单 {code} · {n} 个订单</translation>
        </message>
        <message>
            <source>{done} of {total} items picked</source>
            <translation>已配 {done} / {total} 件</translation>
        </message>
        <message>
            <source>Pick list complete — scan the next pick list</source>
            <translation>配货单已完成 — 扫描下一张配货单</translation>
        </message>
        <message>
            <source>Bin {bin}: pick {n} × {name}</source>
            <translation>库位 {bin}：配货 {n} × {name}</translation>
        </message>
        <message>
            <source>INTERCEPTED: return to stock</source>
            <translation>拦截：退回库存</translation>
        </message>
        <message>
            <source>Pull these slips, do not pick them: {orders}</source>
            <translation>抽出这些出库单，不要配货：{orders}</translation>
        </message>
        <message>
            <source>Pick list {code} opened</source>
            <translation>配货单 {code} 已打开</translation>
        </message>
        <message>
            <source>picked: {orders}</source>
            <translation>已配货：{orders}</translation>
        </message>
        <message>
            <source>on hold: {orders}</source>
            <translation>已挂起：{orders}</translation>
        </message>
        <message>
            <source>Pick list {code} complete</source>
            <translation>配货单 {code} 已完成</translation>
        </message>
        <message>
            <source>Scan a pick list first.</source>
            <translation>请先扫描配货单。</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <source>Your PIN</source>
            <translation>你的 PIN 码</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>请 {seconds} 秒后再试。</translation>
        </message>
    </context>
    <context>
        <name>PlatformPanel</name>
        <message>
            <source>Platform e-waybills</source>
            <translation>平台电子面单</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Branch</source>
            <translation>网点</translation>
        </message>
        <message>
            <source>Numbers left</source>
            <translation>剩余单量</translation>
        </message>
        <message>
            <source>Print component</source>
            <translation>打印组件</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>打印机</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Ask the platforms and the print components again</source>
            <translation>重新查询平台单量和打印组件</translation>
        </message>
        <message>
            <source>Running low: {list}</source>
            <translation>余量不足：{list}</translation>
        </message>
        <message>
            <source>Component addresses…</source>
            <translation>打印组件地址…</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <source>not known: {error}</source>
            <translation>未知：{error}</translation>
        </message>
        <message>
            <source>{n} — low</source>
            <translation>{n}（不足）</translation>
        </message>
        <message>
            <source>{carrier} at {shop}: {n} numbers left</source>
            <translation>{shop} 的 {carrier}：剩 {n} 单</translation>
        </message>
        <message numerus="yes">
            <source>{component}: connected, %n printer(s)</source>
            <translation>
                <numerusform>{component}：已连接，%n 台打印机</numerusform>
            </translation>
        </message>
        <message>
            <source>{component}: not reachable at {address}</source>
            <translation>{component}：无法连接 {address}</translation>
        </message>
        <message>
            <source>Component's default ({printer})</source>
            <translation>组件默认（{printer}）</translation>
        </message>
    </context>
    <context>
        <name>Platforms</name>
        <message>
            <source>Cainiao</source>
            <translation>菜鸟</translation>
        </message>
        <message>
            <source>Pinduoduo</source>
            <translation>拼多多</translation>
        </message>
        <message>
            <source>Douyin</source>
            <translation>抖店</translation>
        </message>
        <message>
            <source>JD</source>
            <translation>京东</translation>
        </message>
        <message>
            <source>Cainiao print component</source>
            <translation>菜鸟打印组件</translation>
        </message>
        <message>
            <source>Pinduoduo print component</source>
            <translation>拼多多打印组件</translation>
        </message>
        <message>
            <source>Douyin e-waybill print component</source>
            <translation>抖音电子面单打印组件</translation>
        </message>
        <message>
            <source>JD print component</source>
            <translation>京东打印组件</translation>
        </message>
        <message>
            <source>The {component} is not running or cannot be reached: start it on the print PC, then press Retry. Nothing was marked printed.</source>
            <translation>{component}未运行或无法连接：请在打印电脑上启动它，然后按【重打失败的面单】。没有任何订单被标为已打印。</translation>
        </message>
        <message>
            <source>The {component} has no printer called {printer}: choose one of its printers. Nothing was marked printed.</source>
            <translation>{component}没有名为 {printer} 的打印机：请从它的打印机中选择一台。没有任何订单被标为已打印。</translation>
        </message>
        <message>
            <source>The {component} refused the task: {detail}. Nothing was marked printed.</source>
            <translation>{component}拒绝了打印任务：{detail}。没有任何订单被标为已打印。</translation>
        </message>
        <message>
            <source>The {component} did not answer: check it on the print PC, then press Retry.</source>
            <translation>{component}没有应答：请在打印电脑上检查它，然后按【重打失败的面单】。</translation>
        </message>
        <message>
            <source>No print component is known for {component}.</source>
            <translation>{component}没有可用的打印组件。</translation>
        </message>
        <message>
            <source>{platform} gave order {order} no number: {code} {message}</source>
            <translation>{platform}未给订单 {order} 取号：{code} {message}</translation>
        </message>
        <message>
            <source>Order {order} has a platform e-waybill: it prints at the platform's print component.</source>
            <translation>订单 {order} 是平台电子面单：须在平台打印组件打印。</translation>
        </message>
        <message>
            <source>Order {order}: its shop's e-waybill account cannot be used ({code}).</source>
            <translation>订单 {order}：店铺的电子面单账号无法使用（{code}）。</translation>
        </message>
        <message>
            <source>Order {order}: {reason}</source>
            <translation>订单 {order}：{reason}</translation>
        </message>
    </context>
    <context>
        <name>PrintStation</name>
        <message>
            <source>Paper jammed</source>
            <translation>卡纸</translation>
        </message>
        <message>
            <source>Smudged</source>
            <translation>模糊</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>丢失</translation>
        </message>
        <message>
            <source>Address changed</source>
            <translation>改地址</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>其他</translation>
        </message>
        <message>
            <source>Buyer asked for this carrier</source>
            <translation>买家指定快递</translation>
        </message>
        <message>
            <source>Faster delivery needed</source>
            <translation>需要更快时效</translation>
        </message>
        <message>
            <source>Bulky or heavy parcel</source>
            <translation>大件或超重</translation>
        </message>
        <message>
            <source>Fragile goods</source>
            <translation>易碎品</translation>
        </message>
        <message>
            <source>Check the batch, then press Print (Enter / F5)</source>
            <translation>核对批次，然后按打印（回车 / F5）</translation>
        </message>
        <message>
            <source>Scan a waybill to reprint it, or press Enter to print</source>
            <translation>扫描运单号补打，或按回车打印</translation>
        </message>
        <message>
            <source>Carriers (click to filter)</source>
            <translation>快递公司（点击筛选）</translation>
        </message>
        <message>
            <source>Products (click to filter)</source>
            <translation>商品（点击筛选）</translation>
        </message>
        <message>
            <source>All carriers</source>
            <translation>全部快递</translation>
        </message>
        <message>
            <source>All products</source>
            <translation>全部商品</translation>
        </message>
        <message>
            <source>All shops</source>
            <translation>全部店铺</translation>
        </message>
        <message>
            <source>Batch of </source>
            <translation>每批 </translation>
        </message>
        <message>
            <source>Label {format} mm</source>
            <translation>面单 {format} 毫米</translation>
        </message>
        <message>
            <source>Order no.</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>Receiver</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>目的地</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>件数</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Same day</source>
            <translation>当日发</translation>
        </message>
        <message>
            <source>Preview selected</source>
            <translation>预览所选</translation>
        </message>
        <message>
            <source>Change carrier…</source>
            <translation>改快递…</translation>
        </message>
        <message>
            <source>Next batch</source>
            <translation>下一批</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Reprint reason</source>
            <translation>补打原因</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>信息</translation>
        </message>
        <message>
            <source>Reprint selected…</source>
            <translation>补打所选…</translation>
        </message>
        <message>
            <source>Retry selected</source>
            <translation>重打所选</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>预览</translation>
        </message>
        <message>
            <source>Print jobs</source>
            <translation>打印记录</translation>
        </message>
        <message numerus="yes">
            <source>Waiting: %n order(s)</source>
            <translation>
                <numerusform>待打单：%n 单</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Same day: %n</source>
            <translation>
                <numerusform>当日发：%n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Retry failed prints (%n)</source>
            <translation>
                <numerusform>重打失败的面单（%n）</numerusform>
            </translation>
        </message>
        <message>
            <source>cut-off {time} passed</source>
            <translation>已过截单时间 {time}</translation>
        </message>
        <message>
            <source>before cut-off {time} (in {h} h {m:02d} min)</source>
            <translation>截单 {time} 前（还剩 {h} 小时 {m:02d} 分）</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>none</source>
            <translation>无</translation>
        </message>
        <message>
            <source>Reprinted</source>
            <translation>补打</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>打单</translation>
        </message>
        <message>
            <source>FAILED — retry</source>
            <translation>失败 — 待重打</translation>
        </message>
        <message>
            <source>FAILED</source>
            <translation>失败</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>正在打印…</translation>
        </message>
        <message numerus="yes">
            <source>Print %n waybill(s)</source>
            <translation>
                <numerusform>打印 %n 张面单</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to print</source>
            <translation>没有待打单</translation>
        </message>
        <message numerus="yes">
            <source>Drawing waybill %n…</source>
            <translation>
                <numerusform>正在生成第 %n 张面单…</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was printed: no order is waiting.</source>
            <translation>没有打印：没有待打单的订单。</translation>
        </message>
        <message numerus="yes">
            <source>Batch {batch}: %n waybill(s) printed.</source>
            <translation>
                <numerusform>批次 {batch}：已打印 %n 张面单。</numerusform>
            </translation>
        </message>
        <message>
            <source>Slips failed: {message}</source>
            <translation>出库单打印失败：{message}</translation>
        </message>
        <message numerus="yes">
            <source>%n label(s) failed at the print component (waybill {waybill}: {message}). They keep their numbers: press Retry failed prints.</source>
            <translation>
                <numerusform>%n 张面单在打印组件上打印失败（运单 {waybill}：{message}）。单号保留：请按【重打失败的面单】。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Printer failed: {message}. The %n waybill number(s) stay with their orders: press Retry.</source>
            <translation>
                <numerusform>打印机故障：{message}。%n 个运单号仍属于原订单：请按重打。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) could not be given a waybill.</source>
            <translation>
                <numerusform>%n 个订单无法分配运单号。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(and %n more)</source>
            <translation>
                <numerusform>（另有 %n 单）</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a failed print to retry.</source>
            <translation>请选择一条打印失败的记录来重打。</translation>
        </message>
        <message>
            <source>Scan or select a waybill to reprint.</source>
            <translation>请扫描或选择要补打的运单。</translation>
        </message>
        <message>
            <source>Reprinting {waybill}…</source>
            <translation>正在补打 {waybill}…</translation>
        </message>
        <message>
            <source>Reprint waybill</source>
            <translation>补打面单</translation>
        </message>
        <message>
            <source>Order {order_no} ({status}): the parcel with waybill {waybill} is already with the courier.</source>
            <translation>订单 {order_no}（{status}）：运单 {waybill} 的包裹已交给快递员。</translation>
        </message>
        <message>
            <source>A second label for it can ship a duplicate parcel. Reprint only if the courier asked for a new label. The reprint is recorded as done after handover.</source>
            <translation>再打一张面单可能导致重复发货。只有快递员要求换面单时才补打。本次补打将记录为交接后补打。</translation>
        </message>
        <message>
            <source>Reprint anyway</source>
            <translation>仍要补打</translation>
        </message>
        <message>
            <source>Do not reprint</source>
            <translation>不补打</translation>
        </message>
        <message>
            <source>Not reprinted: {waybill}</source>
            <translation>未补打：{waybill}</translation>
        </message>
        <message>
            <source>Waybill {waybill} reprinted ({reason}).</source>
            <translation>运单 {waybill} 已补打（{reason}）。</translation>
        </message>
        <message>
            <source>Reprint of {waybill} failed: {message}</source>
            <translation>运单 {waybill} 补打失败：{message}</translation>
        </message>
        <message>
            <source>Select an order in the batch first.</source>
            <translation>请先在批次中选中一个订单。</translation>
        </message>
        <message>
            <source>Order {order} now ships with {carrier}.</source>
            <translation>订单 {order} 已改为 {carrier} 发货。</translation>
        </message>
        <message>
            <source>Select a print job to preview.</source>
            <translation>请选择要预览的打印记录。</translation>
        </message>
        <message>
            <source>Waybill {what}</source>
            <translation>面单 {what}</translation>
        </message>
    </context>
    <context>
        <name>Printers</name>
        <message>
            <source>PDF printer: files go to {folder}</source>
            <translation>PDF 打印机：文件保存在 {folder}</translation>
        </message>
        <message>
            <source>No printer set: documents are written as PDF to {folder}</source>
            <translation>未设置打印机：单据以 PDF 保存到 {folder}</translation>
        </message>
        <message>
            <source>Printer: {name}</source>
            <translation>打印机：{name}</translation>
        </message>
        <message>
            <source>The printer setting {name} is not usable: documents are written as PDF to {folder}</source>
            <translation>打印机设置 {name} 无法使用：单据以 PDF 保存到 {folder}</translation>
        </message>
    </context>
    <context>
        <name>ProductsTab</name>
        <message>
            <source>Search SKU, name, barcode or bin</source>
            <translation>搜索商家编码、名称、条码或库位</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Barcodes</source>
            <translation>条码</translation>
        </message>
        <message>
            <source>Unit weight (g)</source>
            <translation>单件重量（克）</translation>
        </message>
        <message>
            <source>Bin</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>Serial no.</source>
            <translation>序列号</translation>
        </message>
        <message>
            <source>Fragile</source>
            <translation>易碎</translation>
        </message>
        <message>
            <source>several: separate with spaces or commas</source>
            <translation>多个条码用空格或逗号分隔</translation>
        </message>
        <message>
            <source>Serial numbers are scanned</source>
            <translation>需扫描序列号</translation>
        </message>
        <message>
            <source>New product</source>
            <translation>新增商品</translation>
        </message>
        <message>
            <source>Save product</source>
            <translation>保存商品</translation>
        </message>
        <message>
            <source>Unit weight</source>
            <translation>单件重量</translation>
        </message>
        <message>
            <source>Bin location</source>
            <translation>库位</translation>
        </message>
        <message>
            <source>Product {sku} saved.</source>
            <translation>商品 {sku} 已保存。</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>查找范围(&amp;L)：</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>文件类型(&amp;T)：</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>&amp;OK</source>
            <translation>确定(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>取消(&amp;C)</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Reprint waybill</source>
            <translation>补打面单</translation>
        </message>
        <message>
            <source>Reprint waybill {waybill}: why?</source>
            <translation>补打运单 {waybill}：原因？</translation>
        </message>
        <message>
            <source>Other: say what happened</source>
            <translation>其他：请说明情况</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>补打</translation>
        </message>
    </context>
    <context>
        <name>Role</name>
        <message>
            <source>Print operator</source>
            <translation>打单员</translation>
        </message>
        <message>
            <source>Picker</source>
            <translation>配货员</translation>
        </message>
        <message>
            <source>Verifier</source>
            <translation>校验员</translation>
        </message>
        <message>
            <source>Packer</source>
            <translation>打包员</translation>
        </message>
        <message>
            <source>Weighing clerk</source>
            <translation>称重员</translation>
        </message>
        <message>
            <source>After-sales clerk</source>
            <translation>售后客服</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>主管</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>管理员</translation>
        </message>
    </context>
    <context>
        <name>Scan</name>
        <message>
            <source>No order or pick list has the code {key}.</source>
            <translation>没有订单或配货单的编码是 {key}。</translation>
        </message>
        <message>
            <source>Order {order_no} is cancelled: stop the parcel.</source>
            <translation>订单 {order_no} 已取消：拦截包裹。</translation>
        </message>
        <message>
            <source>Order {order_no} has already been verified.</source>
            <translation>订单 {order_no} 已经校验。</translation>
        </message>
        <message>
            <source>Order {order_no} has already been picked.</source>
            <translation>订单 {order_no} 已经配货。</translation>
        </message>
        <message>
            <source>Order {order_no} has already been packed.</source>
            <translation>订单 {order_no} 已经打包。</translation>
        </message>
        <message>
            <source>Order {order_no} is being handled at station {station}.</source>
            <translation>订单 {order_no} 正在工位 {station} 处理。</translation>
        </message>
        <message>
            <source>Order {order_no} is not ready for this step.</source>
            <translation>订单 {order_no} 还不能进行这一步。</translation>
        </message>
        <message>
            <source>There is no counted scan to undo.</source>
            <translation>没有可撤销的扫描。</translation>
        </message>
        <message>
            <source>Order {order_no} is not on hold.</source>
            <translation>订单 {order_no} 未挂起。</translation>
        </message>
        <message>
            <source>{carton} is not a known carton.</source>
            <translation>{carton} 不是已知的纸箱。</translation>
        </message>
        <message>
            <source>Unknown hold reason.</source>
            <translation>未知的挂起原因。</translation>
        </message>
        <message>
            <source>Stopped: intercepted</source>
            <translation>已拦截</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已校验</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>已配货</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>已打包</translation>
        </message>
        <message>
            <source>Scan undone by a supervisor</source>
            <translation>主管撤销了扫描</translation>
        </message>
        <message>
            <source>Hold released</source>
            <translation>挂起已放行</translation>
        </message>
        <message>
            <source>Cancelled from hold</source>
            <translation>挂起后取消</translation>
        </message>
        <message>
            <source>Verification incomplete</source>
            <translation>校验未完成</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>正确</translation>
        </message>
        <message>
            <source>Line complete</source>
            <translation>本行完成</translation>
        </message>
        <message>
            <source>Order complete</source>
            <translation>订单完成</translation>
        </message>
        <message>
            <source>WRONG ITEM — not in this order</source>
            <translation>错发 — 不是本订单的商品</translation>
        </message>
        <message>
            <source>ONE TOO MANY — this line is complete</source>
            <translation>多发 — 本行已够数</translation>
        </message>
        <message>
            <source>Misread barcode — scan again</source>
            <translation>条码误读 — 请重新扫描</translation>
        </message>
        <message>
            <source>Unknown code</source>
            <translation>未知条码</translation>
        </message>
        <message>
            <source>Scan the serial number</source>
            <translation>扫描序列号</translation>
        </message>
        <message>
            <source>Serial number already shipped in another parcel</source>
            <translation>序列号已在其他包裹发出</translation>
        </message>
        <message>
            <source>Serial number already scanned in this parcel — scan the next unit's</source>
            <translation>本包裹已扫过此序列号 — 请扫下一件的序列号</translation>
        </message>
        <message>
            <source>Another order's waybill</source>
            <translation>另一个订单的运单</translation>
        </message>
        <message>
            <source>Line confirmed</source>
            <translation>本行已确认</translation>
        </message>
        <message>
            <source>Shortage recorded</source>
            <translation>已记录缺货</translation>
        </message>
        <message>
            <source>Scan undone</source>
            <translation>扫描已撤销</translation>
        </message>
        <message>
            <source>Server back: these parcels handled offline are HELD, pull them: {codes}</source>
            <translation>服务器已恢复：以下离线处理的包裹已挂起，请拿回：{codes}</translation>
        </message>
        <message>
            <source>Server back: the scans kept offline are recorded and correct.</source>
            <translation>服务器已恢复：离线暂存的扫描已入库，核对无误。</translation>
        </message>
        <message>
            <source>Order {order_no} is on hold ({reason}): it waits for a supervisor.</source>
            <translation>订单 {order_no} 已挂起（{reason}）：等待主管处理。</translation>
        </message>
    </context>
    <context>
        <name>ScanStation</name>
        <message>
            <source>Scan here (or type and press Enter)</source>
            <translation>在此扫描（或输入后按回车）</translation>
        </message>
        <message>
            <source>Last scans</source>
            <translation>最近扫描</translation>
        </message>
        <message>
            <source>{code} — refused: choose first</source>
            <extracomment>the step a scanned waybill opens its order for (``open_order``'s ``step``) the history mark of a parcel refused as intercepted</extracomment>
            <translation>{code} — 已拒绝：请先选择</translation>
        </message>
        <message>
            <source>{code} refused: first choose one of the numbers shown.</source>
            <translation>{code} 已拒绝：请先选择上面显示的编号。</translation>
        </message>
        <message>
            <source>Order {order_no} · waybill {waybill}</source>
            <translation>订单 {order_no} · 运单 {waybill}</translation>
        </message>
        <message>
            <source>Reason: {reason}</source>
            <translation>原因：{reason}</translation>
        </message>
        <message>
            <source>INTERCEPTED: return to stock</source>
            <translation>拦截：退回库存</translation>
        </message>
    </context>
    <context>
        <name>SettingsTab</name>
        <message>
            <source>Parcels must be packed (confirmed) before weighing</source>
            <translation>称重前必须确认打包</translation>
        </message>
        <message>
            <source>Our own labels print the receiver's phone masked</source>
            <translation>自有面单上的收件人电话打码打印</translation>
        </message>
        <message>
            <source>PINs must have 6 digits</source>
            <translation>PIN 码必须为 6 位</translation>
        </message>
        <message>
            <source>Save settings</source>
            <translation>保存设置</translation>
        </message>
        <message>
            <source>Stubs per bundle</source>
            <translation>每捆底单数</translation>
        </message>
        <message>
            <source>Floor time zone</source>
            <translation>现场时区</translation>
        </message>
        <message>
            <source>Every screen, document, report and the same-day cut-off use this zone; documents print it next to their times.</source>
            <translation>所有屏幕、单据、报表和当日截单时间都按这个时区；单据上的时间旁边会印出时区。</translation>
        </message>
        <message>
            <source>Off: the phone prints whole, so the courier can call the receiver. The stub and every screen show the receiver masked either way; a platform's e-waybill is printed by its own print component.</source>
            <translation>关闭时电话完整打印，方便快递员联系收件人。底单和各个界面上的收件人一律打码显示；平台电子面单由平台自己的打印组件打印。</translation>
        </message>
        <message>
            <source>On: a supervisor or admin with a 4-digit PIN cannot sign in until you set them a new 6-digit PIN (Operators tab). Give yourself a 6-digit PIN first.</source>
            <translation>开启后：PIN 码为 4 位的主管或管理员无法登录，直到你为其设置新的 6 位 PIN 码（操作员标签页）。请先给自己设置 6 位 PIN 码。</translation>
        </message>
        <message>
            <source>Weight tolerances are set per shop (Shops tab).</source>
            <translation>重量允差按店铺设置（见“店铺”标签页）。</translation>
        </message>
        <message>
            <source>Floor settings saved.</source>
            <translation>现场设置已保存。</translation>
        </message>
        <message>
            <source>Your PIN to save the floor settings.</source>
            <translation>输入你的 PIN 码以保存现场设置。</translation>
        </message>
    </context>
    <context>
        <name>Shipment</name>
        <message>
            <source>Taobao / Tmall</source>
            <translation>淘宝 / 天猫</translation>
        </message>
        <message>
            <source>JD</source>
            <translation>京东</translation>
        </message>
        <message>
            <source>Pinduoduo</source>
            <translation>拼多多</translation>
        </message>
    </context>
    <context>
        <name>ShipmentExportPanel</name>
        <message>
            <source>Confirm shipments on the platform</source>
            <translation>平台发货</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>导出…</translation>
        </message>
        <message>
            <source>Re-export today's…</source>
            <translation>重新导出今日…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>{platform}: {n}</source>
            <translation>{platform}：{n}</translation>
        </message>
        <message>
            <source>Weighed, not yet confirmed to the platform — {list}</source>
            <translation>已称重未平台发货 — {list}</translation>
        </message>
        <message>
            <source>Cut-off {time} has passed.</source>
            <translation>已过截单时间 {time}。</translation>
        </message>
        <message>
            <source>Cut-off {time}: {h} h {m} min left.</source>
            <translation>截单时间 {time}：还剩 {h} 小时 {m} 分钟。</translation>
        </message>
        <message>
            <source>Save the bulk-ship file</source>
            <translation>保存批量发货文件</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV 文件 (*.csv)</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>正在导出…</translation>
        </message>
        <message>
            <source>Nothing new to confirm for {platform}.</source>
            <translation>{platform} 没有新的待发货订单。</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) written to {file}</source>
            <translation>
                <numerusform>%n 个订单已写入 {file}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShopsTab</name>
        <message>
            <source>Shop</source>
            <translation>店铺</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>平台</translation>
        </message>
        <message>
            <source>Primary carrier</source>
            <translation>首选快递</translation>
        </message>
        <message>
            <source>Secondary carrier</source>
            <translation>备选快递</translation>
        </message>
        <message>
            <source>Tolerance (g)</source>
            <translation>允差（克）</translation>
        </message>
        <message>
            <source>Tolerance (‰)</source>
            <translation>允差（‰）</translation>
        </message>
        <message>
            <source>Save shop</source>
            <translation>保存店铺</translation>
        </message>
        <message>
            <source>Weight tolerance at least</source>
            <translation>重量允差至少</translation>
        </message>
        <message>
            <source>or of the expected weight</source>
            <translation>或预期重量的</translation>
        </message>
        <message>
            <source>Orders go to the primary carrier; to the secondary one where the primary does not serve the area (see Carriers).</source>
            <translation>订单默认走首选快递；首选快递超区时走备选快递（见“快递公司”）。</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>（无）</translation>
        </message>
        <message>
            <source>Shop {shop} saved.</source>
            <translation>店铺 {shop} 已保存。</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Scan your badge</source>
            <translation>请扫描工牌</translation>
        </message>
        <message>
            <source>Badge or staff number</source>
            <translation>工牌或工号</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN 码</translation>
        </message>
        <message>
            <source>{name}: enter your PIN.</source>
            <translation>{name}：请输入 PIN 码。</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>请 {seconds} 秒后再试。</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>Database</source>
            <translation>数据库</translation>
        </message>
        <message>
            <source>The database cannot be opened: {detail}</source>
            <translation>无法打开数据库：{detail}</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Demo: badges OP1001 (supervisor, PIN 0000) to OP1008; staff numbers work too.</source>
            <translation>演示：工牌 OP1001（主管，PIN 0000）至 OP1008，也可输入工号。</translation>
        </message>
    </context>
    <context>
        <name>StationChooser</name>
        <message>
            <source>Choose a station</source>
            <extracomment>after a station opens, when to freeze what it holds (app.heap): after the first paint</extracomment>
            <translation>选择工位</translation>
        </message>
    </context>
    <context>
        <name>Stations</name>
        <message>
            <source>Order browser</source>
            <translation>订单查询</translation>
        </message>
        <message>
            <source>Devices</source>
            <translation>设备</translation>
        </message>
        <message>
            <source>Dispute desk</source>
            <translation>售后核实</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>交接</translation>
        </message>
        <message>
            <source>Packing</source>
            <translation>打包</translation>
        </message>
        <message>
            <source>Picking</source>
            <translation>配货</translation>
        </message>
        <message>
            <source>Print station</source>
            <translation>打单台</translation>
        </message>
        <message>
            <source>Held orders</source>
            <translation>挂起订单</translation>
        </message>
        <message>
            <source>Verification</source>
            <translation>校验</translation>
        </message>
        <message>
            <source>Daily dashboard</source>
            <translation>日报看板</translation>
        </message>
        <message>
            <source>Administration</source>
            <translation>管理</translation>
        </message>
        <message>
            <source>Learned weights</source>
            <extracomment>A learned weight this far (per cent) from the one in use is flagged.</extracomment>
            <translation>学习重量</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>Unpaid</source>
            <translation>待付款</translation>
        </message>
        <message>
            <source>Paid, to print</source>
            <translation>已付款待打单</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>已打单</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>已配货</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>已校验</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>已打包</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>已称重</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>已交接</translation>
        </message>
        <message>
            <source>Shipped</source>
            <translation>已发货</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>挂起</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
    </context>
    <context>
        <name>StopOverlay</name>
        <message>
            <source>Put the parcel in the interception bin, then press Enter.</source>
            <translation>把包裹放进拦截筐，然后按回车。</translation>
        </message>
    </context>
    <context>
        <name>SupervisorStation</name>
        <message>
            <source>Order no.</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>运单号</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Held at</source>
            <translation>挂起时间</translation>
        </message>
        <message>
            <source>Station / operator</source>
            <translation>工位 / 工号</translation>
        </message>
        <message>
            <source>Back to</source>
            <translation>放行后状态</translation>
        </message>
        <message>
            <source>1 Release</source>
            <translation>1 放行</translation>
        </message>
        <message>
            <source>2 Cancel order</source>
            <translation>2 取消订单</translation>
        </message>
        <message>
            <source>Verification: recount, repack, weigh again</source>
            <translation>退回校验：重新清点、重新打包、重新称重</translation>
        </message>
        <message>
            <source>Order {order_no}: {reason}. 1 release ({to}), 2 cancel the order.</source>
            <translation>订单 {order_no}：{reason}。1 放行（{to}），2 取消订单。</translation>
        </message>
        <message>
            <source>Reason for releasing:</source>
            <translation>放行原因：</translation>
        </message>
        <message>
            <source>Type why order {order_no} may go on, then Enter</source>
            <translation>输入订单 {order_no} 放行的原因，按回车</translation>
        </message>
        <message>
            <source>Release order {order_no}: it goes to {to}.</source>
            <translation>放行订单 {order_no}：去向 {to}。</translation>
        </message>
        <message>
            <source>Reason for cancelling:</source>
            <translation>取消原因：</translation>
        </message>
        <message>
            <source>Type why order {order_no} is cancelled, then Enter</source>
            <translation>输入订单 {order_no} 取消的原因，按回车</translation>
        </message>
        <message>
            <source>Cancel order {order_no}: every station will stop it.</source>
            <translation>取消订单 {order_no}：所有工位都将拦截它。</translation>
        </message>
        <message>
            <source>A reason is required.</source>
            <translation>必须填写原因。</translation>
        </message>
        <message>
            <source>{name}: type your PIN and press Enter</source>
            <translation>{name}：请输入您的密码并按回车</translation>
        </message>
        <message>
            <source>Nothing decided.</source>
            <translation>未作处理。</translation>
        </message>
        <message>
            <source>Order {order_no} released: take the parcel to verification. It is counted again from zero, repacked and weighed again.</source>
            <translation>订单 {order_no} 已放行：请把包裹送回校验，从零重新清点，重新打包并重新称重。</translation>
        </message>
        <message>
            <source>Order {order_no} released: it goes on as {status}.</source>
            <translation>订单 {order_no} 已放行：状态恢复为{status}。</translation>
        </message>
        <message>
            <source>Scan a held order, then 1 release or 2 cancel</source>
            <translation>扫描挂起订单，然后 1 放行或 2 取消</translation>
        </message>
        <message>
            <source>Why: typed here, then Enter</source>
            <translation>原因：在此输入，按回车</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>原因：</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) on hold</source>
            <translation>
                <numerusform>%n 个订单挂起中</numerusform>
            </translation>
        </message>
        <message>
            <source>No holds</source>
            <translation>没有挂起订单</translation>
        </message>
        <message>
            <source>{code} is not in the queue.</source>
            <translation>{code} 不在挂起队列中。</translation>
        </message>
        <message>
            <source>Scan or select a held order first.</source>
            <translation>请先扫描或选择一个挂起订单。</translation>
        </message>
        <message>
            <source>Order {order_no} cancelled: return the goods to stock</source>
            <translation>订单 {order_no} 已取消：货品退回库存</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <source>Print</source>
            <extracomment>scan verdicts that refused the scan (nothing counted), besides the matcher's own</extracomment>
            <translation>打单</translation>
        </message>
        <message>
            <source>Pick</source>
            <translation>拣货</translation>
        </message>
        <message>
            <source>Verify</source>
            <translation>校验</translation>
        </message>
        <message>
            <source>Pack</source>
            <translation>打包</translation>
        </message>
        <message>
            <source>Weigh</source>
            <translation>称重</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>交接</translation>
        </message>
        <message>
            <source>Hold</source>
            <translation>挂起</translation>
        </message>
        <message>
            <source>counted</source>
            <translation>已计数</translation>
        </message>
        <message>
            <source>counted, line complete</source>
            <translation>已计数，该行齐</translation>
        </message>
        <message>
            <source>counted, order complete</source>
            <translation>已计数，整单齐</translation>
        </message>
        <message>
            <source>wrong item</source>
            <translation>错发</translation>
        </message>
        <message>
            <source>one too many</source>
            <translation>多发</translation>
        </message>
        <message>
            <source>misread barcode</source>
            <translation>条码误读</translation>
        </message>
        <message>
            <source>unknown code</source>
            <translation>未知条码</translation>
        </message>
        <message>
            <source>serial number needed</source>
            <translation>需扫序列号</translation>
        </message>
        <message>
            <source>serial number already shipped</source>
            <translation>序列号已发出过</translation>
        </message>
        <message>
            <source>serial number already scanned in this parcel</source>
            <translation>本包裹已扫过此序列号</translation>
        </message>
        <message>
            <source>refused: a decision was awaited first</source>
            <translation>已拒绝：需先作出选择</translation>
        </message>
        <message>
            <source>another order's waybill</source>
            <translation>其他订单的运单</translation>
        </message>
        <message>
            <source>order opened</source>
            <translation>打开订单</translation>
        </message>
        <message>
            <source>not found</source>
            <translation>未找到</translation>
        </message>
        <message>
            <source>being handled at another station</source>
            <translation>正在其他工位处理</translation>
        </message>
        <message>
            <source>undone</source>
            <translation>已撤销</translation>
        </message>
        <message>
            <source>line confirmed</source>
            <translation>该行已确认</translation>
        </message>
        <message>
            <source>shortage recorded</source>
            <translation>已记缺货</translation>
        </message>
        <message>
            <source>packed</source>
            <translation>已打包</translation>
        </message>
        <message>
            <source>unknown carton</source>
            <translation>未知纸箱</translation>
        </message>
        <message>
            <source>intercepted</source>
            <translation>已拦截</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>已接收</translation>
        </message>
        <message>
            <source>held</source>
            <translation>已挂起</translation>
        </message>
        <message>
            <source>released by a supervisor</source>
            <translation>主管放行</translation>
        </message>
        <message>
            <source>too light</source>
            <translation>偏轻</translation>
        </message>
        <message>
            <source>too heavy</source>
            <translation>偏重</translation>
        </message>
        <message>
            <source>not verified yet</source>
            <translation>尚未校验</translation>
        </message>
        <message>
            <source>on hold</source>
            <translation>已挂起</translation>
        </message>
        <message>
            <source>batch weighing</source>
            <translation>批量称重</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} 克</translation>
        </message>
        <message>
            <source>scan {code}</source>
            <translation>扫描 {code}</translation>
        </message>
        <message>
            <source>within tolerance</source>
            <translation>在允差内</translation>
        </message>
        <message>
            <source>{verdict} (refused)</source>
            <translation>{verdict}（已拒绝）</translation>
        </message>
        <message>
            <source>serial number {serial}</source>
            <translation>序列号 {serial}</translation>
        </message>
        <message>
            <source>waybill {waybill}</source>
            <translation>运单 {waybill}</translation>
        </message>
        <message>
            <source>expected {grams}</source>
            <translation>应重 {grams}</translation>
        </message>
        <message>
            <source>difference {diff}</source>
            <translation>差 {diff}</translation>
        </message>
        <message>
            <source>status: {status}</source>
            <translation>状态：{status}</translation>
        </message>
        <message>
            <source>before: {status}</source>
            <translation>之前：{status}</translation>
        </message>
        <message>
            <source>after handover, confirmed</source>
            <translation>交接后补打（已确认）</translation>
        </message>
        <message>
            <source>waybill</source>
            <translation>面单</translation>
        </message>
        <message>
            <source>outbound slip</source>
            <translation>出库单</translation>
        </message>
        <message>
            <source>pick list</source>
            <translation>拣货单</translation>
        </message>
        <message>
            <source>batch {batch}</source>
            <translation>批次 {batch}</translation>
        </message>
        <message>
            <source>printer {printer}</source>
            <translation>打印机 {printer}</translation>
        </message>
        <message>
            <source>carrier {carrier}</source>
            <translation>快递 {carrier}</translation>
        </message>
        <message>
            <source>courier {courier}</source>
            <translation>快递员 {courier}</translation>
        </message>
        <message>
            <source>handover list {no}</source>
            <translation>交接单 {no}</translation>
        </message>
        <message>
            <source>parcels: {n}</source>
            <translation>{n} 件包裹</translation>
        </message>
        <message>
            <source>units: {n}</source>
            <translation>{n} 件</translation>
        </message>
        <message>
            <source>orders: {n}</source>
            <translation>{n} 个订单</translation>
        </message>
        <message>
            <source>{grams} in all</source>
            <translation>共 {grams}</translation>
        </message>
    </context>
    <context>
        <name>Verify</name>
        <message>
            <source>RECOUNT — order {order_no} came back from the scale ({why}), released by {supervisor}: “{note}”. Open the parcel and scan every item again, then repack and weigh again.</source>
            <translation>重新校验 — 订单 {order_no} 从称重退回（{why}），主管 {supervisor} 放行：“{note}”。请开箱逐件重新扫描，然后重新打包、重新称重。</translation>
        </message>
    </context>
    <context>
        <name>VerifyStation</name>
        <message>
            <source>SKU</source>
            <translation>商家编码</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>数量</translation>
        </message>
        <message>
            <source>Scanned</source>
            <translation>已扫</translation>
        </message>
        <message>
            <source>Exception / hold (F8)</source>
            <translation>异常 / 挂起 (F8)</translation>
        </message>
        <message>
            <source>Undo last scan (F9)</source>
            <translation>撤销上一次扫描 (F9)</translation>
        </message>
        <message>
            <source>Scan the waybill</source>
            <translation>扫描运单</translation>
        </message>
        <message>
            <source>Ready for the next waybill.</source>
            <translation>可以扫描下一张运单。</translation>
        </message>
        <message>
            <source>Order {order_no} · waybill {waybill} · {carrier} · {receiver} {place}</source>
            <translation>订单 {order_no} · 运单 {waybill} · {carrier} · {receiver} {place}</translation>
        </message>
        <message>
            <source>{done} of {total} items scanned</source>
            <translation>已扫 {done} / {total} 件</translation>
        </message>
        <message>
            <source>Scan the items</source>
            <translation>扫描商品</translation>
        </message>
        <message>
            <source>Order {order_no} opened</source>
            <translation>订单 {order_no} 已打开</translation>
        </message>
        <message>
            <source>Misread: scan the item again</source>
            <translation>误读：请重新扫描商品</translation>
        </message>
        <message>
            <source>OFFLINE: scan the items, then the next waybill</source>
            <translation>离线：扫描商品，然后扫下一张运单</translation>
        </message>
        <message>
            <source>Server unreachable. Waybill {waybill}: {n} item scan(s) kept at this station ({kept} waiting); they are checked when the server is back.</source>
            <translation>服务器连不上。运单 {waybill}：已在本机暂存 {n} 次商品扫描（共 {kept} 条待传）；服务器恢复后再核对。</translation>
        </message>
        <message>
            <source>Scan the serial number of {name}</source>
            <translation>扫描 {name} 的序列号</translation>
        </message>
        <message>
            <source>Order {order_no} is still open: {done} of {total} items scanned.</source>
            <translation>订单 {order_no} 仍在校验：已扫 {done} / {total} 件。</translation>
        </message>
        <message>
            <source>Verified — scan the next waybill</source>
            <translation>校验完成 — 扫描下一张运单</translation>
        </message>
        <message>
            <source>Order {order_no} verified</source>
            <translation>订单 {order_no} 校验完成</translation>
        </message>
        <message>
            <source>Carton: {carton} — scan it to pack now</source>
            <translation>纸箱：{carton} — 扫描即可直接打包</translation>
        </message>
        <message>
            <source>Order {order_no} packed in {carton}</source>
            <translation>订单 {order_no} 已打包，使用 {carton}</translation>
        </message>
        <message>
            <source>Scan the next waybill</source>
            <translation>扫描下一张运单</translation>
        </message>
        <message>
            <source>Order {order_no} is not complete ({done} of {total}).</source>
            <translation>订单 {order_no} 未完成（{done} / {total}）。</translation>
        </message>
        <message>
            <source>Another waybill ({other}) was scanned. What about the open order?</source>
            <translation>扫描了另一张运单（{other}）。当前订单怎么处理？</translation>
        </message>
        <message>
            <source>Hold as incomplete</source>
            <translation>挂起（未完成）</translation>
        </message>
        <message>
            <source>Continue this order</source>
            <translation>继续当前订单</translation>
        </message>
        <message>
            <source>Continue scanning the items.</source>
            <translation>继续扫描商品。</translation>
        </message>
        <message>
            <source>Scan a waybill first.</source>
            <translation>请先扫描运单。</translation>
        </message>
        <message>
            <source>Why does order {order_no} go on hold?</source>
            <translation>订单 {order_no} 为什么挂起？</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>返回</translation>
        </message>
        <message>
            <source>Order {order_no} on hold: {reason}. Put the goods on the hold shelf.</source>
            <translation>订单 {order_no} 已挂起：{reason}。请把货品放到挂起货架。</translation>
        </message>
        <message>
            <source>There is no counted scan to undo.</source>
            <translation>没有可撤销的扫描。</translation>
        </message>
        <message>
            <source>Supervisor: scan your badge to undo the last scan</source>
            <translation>主管：扫描工牌以撤销上一次扫描</translation>
        </message>
        <message>
            <source>Undo needs a supervisor (Esc to go back).</source>
            <translation>撤销需要主管（按 Esc 返回）。</translation>
        </message>
        <message>
            <source>Undo abandoned.</source>
            <translation>已放弃撤销。</translation>
        </message>
        <message>
            <source>Supervisor: type your PIN and press Enter</source>
            <translation>主管：输入 PIN 并按回车</translation>
        </message>
        <message>
            <source>Scan undone: {sku}</source>
            <translation>已撤销扫描：{sku}</translation>
        </message>
    </context>
    <context>
        <name>Weigh</name>
        <message>
            <source>No order has the waybill number {key}.</source>
            <translation>没有运单号为 {key} 的订单。</translation>
        </message>
        <message>
            <source>Order {order_no} is cancelled: stop the parcel.</source>
            <translation>订单 {order_no} 已取消：拦截包裹。</translation>
        </message>
        <message>
            <source>Order {order_no} is not verified yet ({status}): back to verification.</source>
            <translation>订单 {order_no} 尚未校验（{status}）：退回校验。</translation>
        </message>
        <message>
            <source>{waybill} is not identical (goods or carton differ): weigh it on its own.</source>
            <translation>{waybill} 与本批不同（商品或纸箱不一致）：请单独称重。</translation>
        </message>
        <message>
            <source>{waybill} is not ready for weighing.</source>
            <translation>{waybill} 尚不能称重。</translation>
        </message>
        <message>
            <source>{waybill} has no weight hold to override.</source>
            <translation>{waybill} 没有可放行的重量挂起。</translation>
        </message>
        <message>
            <source>This hold cannot be overridden at the scale.</source>
            <translation>此挂起不能在称重台放行。</translation>
        </message>
        <message>
            <source>There is no open stub bundle at this station.</source>
            <translation>本称重台没有未封的底单捆。</translation>
        </message>
        <message>
            <source>Bundle {bundle}: {stubs} stubs given out, {parcels} parcels weighed, {counted} counted. Recount before closing.</source>
            <translation>第 {bundle} 捆：已分配底单 {stubs} 张，已称重 {parcels} 件，清点 {counted} 张。请重新清点后再封捆。</translation>
        </message>
        <message>
            <source>The stub of {waybill} has not been pulled yet.</source>
            <translation>{waybill} 的底单尚未抽取。</translation>
        </message>
        <message>
            <source>{sku} is not a known product.</source>
            <translation>{sku} 不是已知商品。</translation>
        </message>
        <message>
            <source>{grams} is not a valid weight.</source>
            <translation>{grams} 不是有效的重量。</translation>
        </message>
        <message>
            <source>Refused at the scale</source>
            <translation>称重台拒收</translation>
        </message>
        <message>
            <source>Stub bundle closed</source>
            <translation>底单封捆</translation>
        </message>
        <message>
            <source>Unit weight adopted</source>
            <translation>采用单品重量</translation>
        </message>
        <message>
            <source>{qty} × {name} ({grams} g)</source>
            <translation>{qty} × {name}（{grams} g）</translation>
        </message>
        <message>
            <source>Light {diff} g — no unit of this order explains it.</source>
            <translation>轻 {diff} g — 本订单的商品都对不上。</translation>
        </message>
        <message>
            <source>Heavy {diff} g — nothing known explains it.</source>
            <translation>重 {diff} g — 无法确定原因。</translation>
        </message>
        <message>
            <source>Light {diff} g ≈ missing {items}</source>
            <translation>轻 {diff} g ≈ 少 {items}</translation>
        </message>
        <message>
            <source>Heavy {diff} g ≈ extra {items}</source>
            <translation>重 {diff} g ≈ 多 {items}</translation>
        </message>
        <message>
            <source>Ambiguous — as likely: {alternatives}. Check the parcel.</source>
            <translation>无法确定 — 也可能是：{alternatives}。请开箱核对。</translation>
        </message>
        <message>
            <source>Not verified: back to verification</source>
            <translation>未校验：退回校验</translation>
        </message>
        <message>
            <source>On hold: a supervisor decides first</source>
            <translation>已挂起：等待主管处理</translation>
        </message>
        <message>
            <source>Cancelled order: stop the parcel</source>
            <translation>订单已取消：拦截包裹</translation>
        </message>
        <message>
            <source>Too light</source>
            <translation>重量偏轻</translation>
        </message>
        <message>
            <source>Too heavy</source>
            <translation>重量偏重</translation>
        </message>
    </context>
    <context>
        <name>WeighStation</name>
        <message>
            <source>Weighing and stubs</source>
            <translation>抽单称重</translation>
        </message>
        <message>
            <source>Scan the waybill</source>
            <translation>扫描运单</translation>
        </message>
        <message>
            <source>Batch: identical parcels, one weighing</source>
            <translation>批量称重：相同包裹，称一次</translation>
        </message>
        <message>
            <source>Supervisor override…</source>
            <translation>主管放行…</translation>
        </message>
        <message>
            <source>Close stub bundle…</source>
            <translation>底单封捆…</translation>
        </message>
        <message>
            <source>Print the register again</source>
            <translation>重新打印底单清单</translation>
        </message>
        <message>
            <source>Demo: place the parcel</source>
            <translation>演示：放上包裹</translation>
        </message>
        <message>
            <source>Demo: parcel missing an item</source>
            <translation>演示：少件的包裹</translation>
        </message>
        <message>
            <source>Not identical</source>
            <translation>包裹不相同</translation>
        </message>
        <message>
            <source>Waybill {waybill} (server unreachable)</source>
            <translation>运单 {waybill}（服务器连不上）</translation>
        </message>
        <message>
            <source>Expected weight unknown until the server is back</source>
            <translation>服务器恢复前无法得知预估重量</translation>
        </message>
        <message>
            <source>OFFLINE</source>
            <translation>离线</translation>
        </message>
        <message>
            <source>The weight is kept at this station and checked when the server is back.</source>
            <translation>重量先存在本机，服务器恢复后再判定。</translation>
        </message>
        <message>
            <source>INTERCEPTED</source>
            <translation>已拦截</translation>
        </message>
        <message>
            <source>Order {order_no} is verified but not packed: to packing first.</source>
            <translation>订单 {order_no} 已校验但未打包：请先去打包。</translation>
        </message>
        <message>
            <source>Not weighed</source>
            <translation>未称重</translation>
        </message>
        <message>
            <source>Stub: stays on the parcel (not weighed)</source>
            <translation>底单：留在包裹上（未称重）</translation>
        </message>
        <message>
            <source>Order {order} · waybill {waybill}</source>
            <translation>订单 {order} · 运单 {waybill}</translation>
        </message>
        <message>
            <source>re-weigh (weighed {n} time(s) before)</source>
            <translation>复称（此前已称 {n} 次）</translation>
        </message>
        <message>
            <source>batch of {n} parcels</source>
            <translation>批量 {n} 件</translation>
        </message>
        <message>
            <source>Expected {grams} g ± {tol} g</source>
            <translation>预估 {grams} g ± {tol} g</translation>
        </message>
        <message>
            <source>Scale shows {grams} g</source>
            <translation>秤上 {grams} g</translation>
        </message>
        <message>
            <source>✖ Scale not connected</source>
            <translation>✖ 电子秤未连接</translation>
        </message>
        <message>
            <source>⚠ Scale sends no data</source>
            <translation>⚠ 电子秤无数据</translation>
        </message>
        <message>
            <source>… Connecting to the scale</source>
            <translation>… 正在连接电子秤</translation>
        </message>
        <message>
            <source>✖ Scale OVERLOAD</source>
            <translation>✖ 电子秤超载</translation>
        </message>
        <message>
            <source>~ Scale in motion</source>
            <translation>~ 称重中（晃动）</translation>
        </message>
        <message>
            <source>✔ Scale stable</source>
            <translation>✔ 电子秤稳定</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} g</translation>
        </message>
        <message>
            <source>Recording…</source>
            <translation>正在记录…</translation>
        </message>
        <message>
            <source>NOT RECORDED — weigh again</source>
            <translation>未记录 — 请重新称重</translation>
        </message>
        <message>
            <source>KEPT OFFLINE — not checked yet</source>
            <translation>已离线暂存 — 尚未判定</translation>
        </message>
        <message>
            <source>Waybill {waybill}: {grams} g kept at this station. The server is unreachable; the verdict comes when it is back.</source>
            <translation>运单 {waybill}：{grams} g 已存在本机。服务器连不上，恢复后给出判定。</translation>
        </message>
        <message numerus="yes">
            <source>⚠ Server unreachable — %n weighing(s) kept here</source>
            <translation>
                <numerusform>⚠ 服务器连不上 — 本机暂存 %n 条称重</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Server back: %n parcel(s) weighed offline are HELD</source>
            <translation>
                <numerusform>服务器已恢复：离线称重的 %n 个包裹被挂起</numerusform>
            </translation>
        </message>
        <message>
            <source>Pull them back for checking: {waybills}</source>
            <translation>请把这些包裹拿回核查：{waybills}</translation>
        </message>
        <message numerus="yes">
            <source>Server back: %n weighing(s) kept offline are recorded</source>
            <translation>
                <numerusform>服务器已恢复：离线暂存的 %n 条称重已入库</numerusform>
            </translation>
        </message>
        <message>
            <source>OK — ship it</source>
            <translation>通过 — 可以发货</translation>
        </message>
        <message>
            <source>{diff:+d} g from {expected} g</source>
            <translation>与预估 {expected} g 相差 {diff:+d} g</translation>
        </message>
        <message>
            <source>Batch: {n} more parcel(s) covered</source>
            <translation>批量：另有 {n} 件包裹同批记录</translation>
        </message>
        <message>
            <source>Released by a supervisor</source>
            <translation>主管已放行</translation>
        </message>
        <message>
            <source>HOLD — {reason}</source>
            <translation>挂起 — {reason}</translation>
        </message>
        <message>
            <source>Hold shelf: a supervisor overrides here or releases it for a recount.</source>
            <translation>放到挂起架：主管可在此放行，或放行后退回重新校验。</translation>
        </message>
        <message>
            <source>Waybill {waybill} · order {order_no}: recorded {grams} g, expected {expected} g ± {tol} g.</source>
            <translation>运单 {waybill} · 订单 {order_no}：称重 {grams} g，应重 {expected} g ± {tol} g。</translation>
        </message>
        <message>
            <source>Demo</source>
            <translation>演示</translation>
        </message>
        <message>
            <source>The goods of this order are lighter than the tolerance: the scale cannot tell one missing.</source>
            <translation>此订单的商品比允差还轻：秤分辨不出少了一件。</translation>
        </message>
        <message>
            <source>Stub → bundle {bundle}, no. {position}</source>
            <translation>底单 → 第 {bundle} 捆 第 {position} 张</translation>
        </message>
        <message>
            <source>Keep the stub on the parcel</source>
            <translation>底单留在包裹上</translation>
        </message>
        <message>
            <source>Take the parcel off the scale</source>
            <translation>请取下包裹</translation>
        </message>
        <message>
            <source>Take the previous parcel off the scale</source>
            <translation>请先取下上一个包裹</translation>
        </message>
        <message>
            <source>Scan the identical parcels, then place one</source>
            <translation>扫描相同的包裹，然后放上其中一件</translation>
        </message>
        <message>
            <source>Place the parcel on the scale</source>
            <translation>放上包裹</translation>
        </message>
        <message>
            <source>No open stub bundle</source>
            <translation>没有未封的底单捆</translation>
        </message>
        <message>
            <source>Bundle {bundle}: {filled}/{size} stubs</source>
            <translation>第 {bundle} 捆：{filled}/{size} 张</translation>
        </message>
        <message>
            <source>Close stub bundle</source>
            <translation>底单封捆</translation>
        </message>
        <message>
            <source>How many stubs are in your hand?</source>
            <translation>手中共有多少张底单？</translation>
        </message>
        <message>
            <source>Bundle {bundle} closed: {n} stubs match</source>
            <translation>第 {bundle} 捆已封：{n} 张底单数量相符</translation>
        </message>
        <message>
            <source>Register printed: {where}</source>
            <translation>底单清单已打印：{where}</translation>
        </message>
        <message>
            <source>The register did not print: {message}</source>
            <translation>底单清单未能打印：{message}</translation>
        </message>
        <message>
            <source>Bundle not closed</source>
            <translation>未能封捆</translation>
        </message>
    </context>
    <context>
        <name>Weight</name>
        <message>
            <source>too light by {grams} g</source>
            <translation>偏轻 {grams} g</translation>
        </message>
        <message>
            <source>too heavy by {grams} g</source>
            <translation>偏重 {grams} g</translation>
        </message>
    </context>
    <context>
        <name>WeightsStation</name>
        <message>
            <source>SKU</source>
            <translation>商品编码</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>商品</translation>
        </message>
        <message>
            <source>Master weight</source>
            <translation>档案重量</translation>
        </message>
        <message>
            <source>Learned weight</source>
            <translation>学习重量</translation>
        </message>
        <message>
            <source>Parcels (spread)</source>
            <translation>包裹数（离散）</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>当前使用</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>差异</translation>
        </message>
        <message>
            <source>1 Adopt the learned weight</source>
            <translation>1 采用学习重量</translation>
        </message>
        <message>
            <source>2 Back to the master weight</source>
            <translation>2 恢复档案重量</translation>
        </message>
        <message>
            <source>Scan or select a product, then 1 adopt or 2 master weight</source>
            <translation>扫描或选择商品，然后按 1 采用学习重量或 2 恢复档案重量</translation>
        </message>
        <message>
            <source>{grams} (adopted)</source>
            <translation>{grams}（已采用）</translation>
        </message>
        <message>
            <source>{grams} (master)</source>
            <translation>{grams}（档案）</translation>
        </message>
        <message numerus="yes">
            <source>%n product(s) learned from the scale; </source>
            <translation>
                <numerusform>已从称重学习 %n 个商品；</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n differ by {p} % or more</source>
            <translation>
                <numerusform>%n 个差异达 {p}% 或以上</numerusform>
            </translation>
        </message>
        <message>
            <source>Not enough single-product parcels weighed yet to learn from.</source>
            <translation>单品包裹称重数还不够，暂无法学习。</translation>
        </message>
        <message>
            <source>{sku}: learned {learned}, in use {used}. 1 adopt, 2 master.</source>
            <translation>{sku}：学习重量 {learned}，当前使用 {used}。1 采用，2 恢复档案。</translation>
        </message>
        <message>
            <source>{code} is not in the list.</source>
            <translation>{code} 不在列表中。</translation>
        </message>
        <message>
            <source>Scan or select a product first.</source>
            <translation>请先扫描或选择商品。</translation>
        </message>
        <message>
            <source>{sku} now weighs {grams} per unit (learned)</source>
            <translation>{sku} 单件重量已改为 {grams}（学习值）</translation>
        </message>
        <message>
            <source>{sku} back to its master weight {grams}</source>
            <translation>{sku} 已恢复档案重量 {grams}</translation>
        </message>
    </context>
</TS>
