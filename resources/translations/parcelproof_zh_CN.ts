<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
            <source>Wrong PIN.</source>
            <translation>PIN 码错误。</translation>
        </message>
        <message>
            <source>No order matches {key}.</source>
            <translation>没有匹配 {key} 的订单。</translation>
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
            <source>Something went wrong: {code}</source>
            <translation>出错了：{code}</translation>
        </message>
    </context>
    <context>
        <name>Event</name>
        <message>
            <source>Imported</source>
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
            <translation>选择工位</translation>
        </message>
    </context>
    <context>
        <name>Stations</name>
        <message>
            <source>Order browser</source>
            <translation>订单查询</translation>
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
</TS>
