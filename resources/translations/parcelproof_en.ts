<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AccountDialog</name>
        <message>
            <source>Add / replace account</source>
            <translation>Add / replace account</translation>
        </message>
        <message>
            <source>blank: the platform's production address</source>
            <translation>blank: the platform's production address</translation>
        </message>
        <message>
            <source>the platform's standard template URL</source>
            <translation>the platform's standard template URL</translation>
        </message>
        <message>
            <source>custom area (自定义区) template URL: our goods and order number print there</source>
            <translation>custom area (自定义区) template URL: our goods and order number print there</translation>
        </message>
        <message>
            <source>branch (网点) code</source>
            <translation>branch (网点) code</translation>
        </message>
        <message>
            <source>the seller id the platform numbers for</source>
            <translation>the seller id the platform numbers for</translation>
        </message>
        <message>
            <source>your own PIN</source>
            <translation>your own PIN</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>Shop</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>Platform</translation>
        </message>
        <message>
            <source>App key</source>
            <translation>App key</translation>
        </message>
        <message>
            <source>App secret</source>
            <translation>App secret</translation>
        </message>
        <message>
            <source>Session token</source>
            <translation>Session token</translation>
        </message>
        <message>
            <source>Gateway</source>
            <translation>Gateway</translation>
        </message>
        <message>
            <source>Template URL</source>
            <translation>Template URL</translation>
        </message>
        <message>
            <source>Custom area URL</source>
            <translation>Custom area URL</translation>
        </message>
        <message>
            <source>Branch</source>
            <translation>Branch</translation>
        </message>
        <message>
            <source>User id</source>
            <translation>User id</translation>
        </message>
        <message>
            <source>The secret and the session token are stored encrypted and never shown: to replace an account, enter them again.</source>
            <translation>The secret and the session token are stored encrypted and never shown: to replace an account, enter them again.</translation>
        </message>
        <message>
            <source>Your PIN</source>
            <translation>Your PIN</translation>
        </message>
        <message>
            <source>Save account</source>
            <translation>Save account</translation>
        </message>
        <message>
            <source>Enter your own PIN: saving an account is an admin's act.</source>
            <translation>Enter your own PIN: saving an account is an admin's act.</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>Try again in {seconds} s.</translation>
        </message>
    </context>
    <context>
        <name>Accounts</name>
        <message>
            <source>No shop is called {shop}.</source>
            <translation>No shop is called {shop}.</translation>
        </message>
        <message>
            <source>The app key, the secret and the session token are all needed.</source>
            <translation>The app key, the secret and the session token are all needed.</translation>
        </message>
        <message>
            <source>{platform} e-waybills are not supported yet: its balance cannot be asked.</source>
            <translation>{platform} e-waybills are not supported yet: its balance cannot be asked.</translation>
        </message>
        <message>
            <source>This station cannot read the stored secret: its key ({path} or ${env}) is not the one the account was saved with.</source>
            <translation>This station cannot read the stored secret: its key ({path} or ${env}) is not the one the account was saved with.</translation>
        </message>
        <message>
            <source>No account {account}.</source>
            <translation>No account {account}.</translation>
        </message>
        <message>
            <source>{shop} has no e-waybill account for {carrier}.</source>
            <translation>{shop} has no e-waybill account for {carrier}.</translation>
        </message>
        <message>
            <source>The account of {shop} for {carrier} issued {count} numbers: they are voided and reprinted through it, so it stays. Replace its credentials instead.</source>
            <translation>The account of {shop} for {carrier} issued {count} numbers: they are voided and reprinted through it, so it stays. Replace its credentials instead.</translation>
        </message>
    </context>
    <context>
        <name>AccountsTab</name>
        <message>
            <source>Shop</source>
            <translation>Shop</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>Platform</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>App key</source>
            <translation>App key</translation>
        </message>
        <message>
            <source>Branch</source>
            <translation>Branch</translation>
        </message>
        <message>
            <source>Template</source>
            <translation>Template</translation>
        </message>
        <message>
            <source>Numbers left</source>
            <translation>Numbers left</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Add / replace account</source>
            <translation>Add / replace account</translation>
        </message>
        <message>
            <source>Refresh balances</source>
            <translation>Refresh balances</translation>
        </message>
        <message>
            <source>Remove account</source>
            <translation>Remove account</translation>
        </message>
        <message>
            <source>Save threshold</source>
            <translation>Save threshold</translation>
        </message>
        <message>
            <source>Warn when fewer numbers are left than</source>
            <translation>Warn when fewer numbers are left than</translation>
        </message>
        <message>
            <source>Secrets and session tokens are stored encrypted and never shown. Balances are asked of each platform when you refresh them; 0 turns the warning off.</source>
            <translation>Secrets and session tokens are stored encrypted and never shown. Balances are asked of each platform when you refresh them; 0 turns the warning off.</translation>
        </message>
        <message>
            <source>Asking the platforms for the balances…</source>
            <translation>Asking the platforms for the balances…</translation>
        </message>
        <message>
            <source>Balances asked: {refused} of {total} accounts refused (see the rows).</source>
            <translation>Balances asked: {refused} of {total} accounts refused (see the rows).</translation>
        </message>
        <message>
            <source>Balances asked of {total} accounts.</source>
            <translation>Balances asked of {total} accounts.</translation>
        </message>
        <message>
            <source>Not asked yet</source>
            <translation>Not asked yet</translation>
        </message>
        <message>
            <source>Error: {text}</source>
            <translation>Error: {text}</translation>
        </message>
        <message>
            <source>Platform refused: {error}</source>
            <translation>Platform refused: {error}</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Low</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>{carrier} at {shop}: {left} numbers left</source>
            <translation>{carrier} at {shop}: {left} numbers left</translation>
        </message>
        <message>
            <source>Running low (fewer than {threshold} numbers): {accounts}</source>
            <translation>Running low (fewer than {threshold} numbers): {accounts}</translation>
        </message>
        <message>
            <source>Account saved: {carrier} at {shop} ({platform}).</source>
            <translation>Account saved: {carrier} at {shop} ({platform}).</translation>
        </message>
        <message>
            <source>{reason} Nothing was saved.</source>
            <translation>{reason} Nothing was saved.</translation>
        </message>
        <message>
            <source>Warn when fewer than {threshold} numbers are left: your PIN to save it.</source>
            <translation>Warn when fewer than {threshold} numbers are left: your PIN to save it.</translation>
        </message>
        <message>
            <source>Accounts warn when fewer than {threshold} numbers are left.</source>
            <translation>Accounts warn when fewer than {threshold} numbers are left.</translation>
        </message>
        <message>
            <source>Remove the {platform} account of {shop} for {carrier}? Your PIN:</source>
            <translation>Remove the {platform} account of {shop} for {carrier}? Your PIN:</translation>
        </message>
        <message>
            <source>Account removed: {carrier} at {shop}.</source>
            <translation>Account removed: {carrier} at {shop}.</translation>
        </message>
        <message>
            <source>{reason} Nothing was removed.</source>
            <translation>{reason} Nothing was removed.</translation>
        </message>
    </context>
    <context>
        <name>Admin</name>
        <message>
            <source>{field}: “{value}” is not valid.</source>
            <translation>{field}: “{value}” is not valid.</translation>
        </message>
        <message>
            <source>{field} is too long (at most {max} characters).</source>
            <translation>{field} is too long (at most {max} characters).</translation>
        </message>
        <message>
            <source>{field} must be between {low} and {high}.</source>
            <translation>{field} must be between {low} and {high}.</translation>
        </message>
        <message>
            <source>A product with SKU {sku} exists already.</source>
            <translation>A product with SKU {sku} exists already.</translation>
        </message>
        <message>
            <source>Barcode {barcode} already belongs to product {sku}.</source>
            <translation>Barcode {barcode} already belongs to product {sku}.</translation>
        </message>
        <message>
            <source>No product has SKU {sku}.</source>
            <translation>No product has SKU {sku}.</translation>
        </message>
        <message>
            <source>A carrier with code {carrier} exists already.</source>
            <translation>A carrier with code {carrier} exists already.</translation>
        </message>
        <message>
            <source>{carrier} is not a known carrier.</source>
            <translation>{carrier} is not a known carrier.</translation>
        </message>
        <message>
            <source>No shop is called {shop}.</source>
            <translation>No shop is called {shop}.</translation>
        </message>
        <message>
            <source>{carrier} cannot be both the primary and the secondary carrier.</source>
            <translation>{carrier} cannot be both the primary and the secondary carrier.</translation>
        </message>
        <message>
            <source>{first} – {last} is not a range: same letters, same number of digits, first not after last.</source>
            <translation>{first} – {last} is not a range: same letters, same number of digits, first not after last.</translation>
        </message>
        <message>
            <source>A range may hold at most {max} numbers.</source>
            <translation>A range may hold at most {max} numbers.</translation>
        </message>
        <message>
            <source>{number} is not a {carrier} waybill number.</source>
            <translation>{number} is not a {carrier} waybill number.</translation>
        </message>
        <message>
            <source>Every number from {first} to {last} is known already (a number is used once, ever).</source>
            <translation>Every number from {first} to {last} is known already (a number is used once, ever).</translation>
        </message>
        <message>
            <source>A PIN is 4 to 12 digits.</source>
            <translation>A PIN is 4 to 12 digits.</translation>
        </message>
        <message>
            <source>This floor requires PINs of 6 to 12 digits.</source>
            <translation>This floor requires PINs of 6 to 12 digits.</translation>
        </message>
        <message>
            <source>Set yourself a PIN of {digits} digits first: with a shorter one you could not sign in once {digits} digits are required.</source>
            <translation>Set yourself a PIN of {digits} digits first: with a shorter one you could not sign in once {digits} digits are required.</translation>
        </message>
        <message>
            <source>The badge of {operator} is not locked.</source>
            <translation>The badge of {operator} is not locked.</translation>
        </message>
        <message>
            <source>Supervisors and admins need a PIN: enter one for {operator}.</source>
            <translation>Supervisors and admins need a PIN: enter one for {operator}.</translation>
        </message>
        <message>
            <source>No operator has staff number {operator}.</source>
            <translation>No operator has staff number {operator}.</translation>
        </message>
        <message>
            <source>Staff number {operator} is taken already.</source>
            <translation>Staff number {operator} is taken already.</translation>
        </message>
        <message>
            <source>Badge {badge} belongs to another operator.</source>
            <translation>Badge {badge} belongs to another operator.</translation>
        </message>
        <message>
            <source>{operator} is the last active admin and stays one.</source>
            <translation>{operator} is the last active admin and stays one.</translation>
        </message>
        <message>
            <source>{reason} Nothing was saved.</source>
            <translation>{reason} Nothing was saved.</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>Shop</translation>
        </message>
        <message>
            <source>Waybill numbers</source>
            <translation>Waybill numbers</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Floor setting</source>
            <translation>Floor setting</translation>
        </message>
        <message>
            <source>added</source>
            <translation>added</translation>
        </message>
        <message>
            <source>changed</source>
            <translation>changed</translation>
        </message>
        <message>
            <source>range added</source>
            <translation>range added</translation>
        </message>
        <message>
            <source>PIN reset</source>
            <translation>PIN reset</translation>
        </message>
        <message>
            <source>deactivated</source>
            <translation>deactivated</translation>
        </message>
        <message>
            <source>reactivated</source>
            <translation>reactivated</translation>
        </message>
        <message>
            <source>System time zone ({zone})</source>
            <translation>System time zone ({zone})</translation>
        </message>
    </context>
    <context>
        <name>AdminStation</name>
        <message>
            <source>Products</source>
            <translation>Products</translation>
        </message>
        <message>
            <source>Operators</source>
            <translation>Operators</translation>
        </message>
        <message>
            <source>Carriers and waybill numbers</source>
            <translation>Carriers and waybill numbers</translation>
        </message>
        <message>
            <source>Shops</source>
            <translation>Shops</translation>
        </message>
        <message>
            <source>E-waybill accounts</source>
            <translation>E-waybill accounts</translation>
        </message>
        <message>
            <source>Floor settings</source>
            <translation>Floor settings</translation>
        </message>
        <message>
            <source>Audit log</source>
            <translation>Audit log</translation>
        </message>
        <message>
            <source>Choose a tab, find the entry, change it, save.</source>
            <translation>Choose a tab, find the entry, change it, save.</translation>
        </message>
    </context>
    <context>
        <name>AuditTab</name>
        <message>
            <source>Filter by operator, what or key</source>
            <translation>Filter by operator, what or key</translation>
        </message>
        <message>
            <source>When</source>
            <translation>When</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <source>Key</source>
            <translation>Key</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>Change</translation>
        </message>
    </context>
    <context>
        <name>Camera</name>
        <message>
            <source>Disk full: packing video has stopped. Scanning goes on; free disk space.</source>
            <translation>Disk full: packing video has stopped. Scanning goes on; free disk space.</translation>
        </message>
        <message>
            <source>The camera cannot be opened: this parcel's video will be incomplete.</source>
            <translation>The camera cannot be opened: this parcel's video will be incomplete.</translation>
        </message>
        <message>
            <source>The camera stopped sending pictures: this parcel's video is incomplete.</source>
            <translation>The camera stopped sending pictures: this parcel's video is incomplete.</translation>
        </message>
        <message>
            <source>Video recording stopped and is restarting: this parcel's video is incomplete.</source>
            <translation>Video recording stopped and is restarting: this parcel's video is incomplete.</translation>
        </message>
        <message>
            <source>The camera address is not valid: use v4l2:/dev/videoN, rtsp://, http:// or test:.</source>
            <translation>The camera address is not valid: use v4l2:/dev/videoN, rtsp://, http:// or test:.</translation>
        </message>
        <message>
            <source>No H.264 video encoder is available: packing video is off.</source>
            <translation>No H.264 video encoder is available: packing video is off.</translation>
        </message>
        <message>
            <source>Camera problem: {code}</source>
            <translation>Camera problem: {code}</translation>
        </message>
        <message>
            <source>Video of {waybill}: {state}</source>
            <translation>Video of {waybill}: {state}</translation>
        </message>
        <message>
            <source>DISK FULL: packing video stopped. Scanning goes on; tell a supervisor.</source>
            <translation>DISK FULL: packing video stopped. Scanning goes on; tell a supervisor.</translation>
        </message>
        <message>
            <source>CAMERA NOT REACHABLE: no packing video. Scanning goes on; check the camera's cable.</source>
            <translation>CAMERA NOT REACHABLE: no packing video. Scanning goes on; check the camera's cable.</translation>
        </message>
        <message>
            <source>CAMERA LOST: this parcel's video is incomplete. Scanning goes on.</source>
            <translation>CAMERA LOST: this parcel's video is incomplete. Scanning goes on.</translation>
        </message>
        <message>
            <source>VIDEO RECORDING STOPPED: this parcel's video is incomplete. Restarting…</source>
            <translation>VIDEO RECORDING STOPPED: this parcel's video is incomplete. Restarting…</translation>
        </message>
        <message>
            <source>CAMERA ADDRESS NOT VALID: no packing video. Scanning goes on.</source>
            <translation>CAMERA ADDRESS NOT VALID: no packing video. Scanning goes on.</translation>
        </message>
        <message>
            <source>VIDEO ENCODER MISSING: no packing video. Scanning goes on.</source>
            <translation>VIDEO ENCODER MISSING: no packing video. Scanning goes on.</translation>
        </message>
        <message>
            <source>CAMERA PROBLEM ({code}): scanning goes on.</source>
            <translation>CAMERA PROBLEM ({code}): scanning goes on.</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>complete</translation>
        </message>
        <message>
            <source>ended by the next scan</source>
            <translation>ended by the next scan</translation>
        </message>
        <message>
            <source>time limit</source>
            <translation>time limit</translation>
        </message>
        <message>
            <source>station stopped</source>
            <translation>station stopped</translation>
        </message>
        <message>
            <source>INCOMPLETE</source>
            <translation>INCOMPLETE</translation>
        </message>
        <message>
            <source>● REC {waybill}</source>
            <translation>● REC {waybill}</translation>
        </message>
        <message>
            <source>● Camera on, waiting for a waybill</source>
            <translation>● Camera on, waiting for a waybill</translation>
        </message>
        <message>
            <source>Camera stopped</source>
            <translation>Camera stopped</translation>
        </message>
        <message>
            <source>Camera starting…</source>
            <translation>Camera starting…</translation>
        </message>
        <message>
            <source>Video of {waybill} is incomplete</source>
            <translation>Video of {waybill} is incomplete</translation>
        </message>
    </context>
    <context>
        <name>CameraTab</name>
        <message>
            <source>v4l2:/dev/video0, rtsp://…, http://… (MJPEG) or test:</source>
            <translation>v4l2:/dev/video0, rtsp://…, http://… (MJPEG) or test:</translation>
        </message>
        <message>
            <source>Find cameras</source>
            <translation>Find cameras</translation>
        </message>
        <message>
            <source> fps</source>
            <translation> fps</translation>
        </message>
        <message>
            <source>Start preview</source>
            <translation>Start preview</translation>
        </message>
        <message>
            <source>Test recording (5 s)</source>
            <translation>Test recording (5 s)</translation>
        </message>
        <message>
            <source>Save as this station's camera</source>
            <translation>Save as this station's camera</translation>
        </message>
        <message>
            <source>No preview</source>
            <translation>No preview</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <source>Frame size</source>
            <translation>Frame size</translation>
        </message>
        <message>
            <source>Frame rate</source>
            <translation>Frame rate</translation>
        </message>
        <message>
            <source>Stop preview</source>
            <translation>Stop preview</translation>
        </message>
        <message>
            <source>{state} · {fps} fps · {frames} frames · encoder {encoder}</source>
            <translation>{state} · {fps} fps · {frames} frames · encoder {encoder}</translation>
        </message>
        <message>
            <source>Recording 5 seconds…</source>
            <translation>Recording 5 seconds…</translation>
        </message>
        <message>
            <source>Test clip: {seconds} s, {frames} frames, {kb} KB (about {mb} MB per hour of packing)</source>
            <translation>Test clip: {seconds} s, {frames} frames, {kb} KB (about {mb} MB per hour of packing)</translation>
        </message>
        <message>
            <source>Could not save the settings: {error}</source>
            <translation>Could not save the settings: {error}</translation>
        </message>
        <message>
            <source>Saved: {camera}, {width} × {height}, {fps} fps</source>
            <translation>Saved: {camera}, {width} × {height}, {fps} fps</translation>
        </message>
        <message>
            <source>no camera</source>
            <translation>no camera</translation>
        </message>
    </context>
    <context>
        <name>CarrierDialog</name>
        <message>
            <source>Change carrier</source>
            <translation>Change carrier</translation>
        </message>
        <message>
            <source>Other: say why</source>
            <translation>Other: say why</translation>
        </message>
        <message>
            <source>Order {order} ships with {carrier}. Change to:</source>
            <translation>Order {order} ships with {carrier}. Change to:</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Why?</source>
            <translation>Why?</translation>
        </message>
    </context>
    <context>
        <name>CarriersTab</name>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Numbers left</source>
            <translation>Numbers left</translation>
        </message>
        <message>
            <source>Used</source>
            <translation>Used</translation>
        </message>
        <message>
            <source>Void</source>
            <translation>Void</translation>
        </message>
        <message>
            <source>Areas not served</source>
            <translation>Areas not served</translation>
        </message>
        <message>
            <source>regular expression, e.g. SF\d{13}</source>
            <translation>regular expression, e.g. SF\d{13}</translation>
        </message>
        <message>
            <source>province or province/city, separated by ;</source>
            <translation>province or province/city, separated by ;</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>In use</translation>
        </message>
        <message>
            <source>New carrier</source>
            <translation>New carrier</translation>
        </message>
        <message>
            <source>Save carrier</source>
            <translation>Save carrier</translation>
        </message>
        <message>
            <source>Waybill number pattern</source>
            <translation>Waybill number pattern</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>First</source>
            <translation>First</translation>
        </message>
        <message>
            <source>Last</source>
            <translation>Last</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Added</translation>
        </message>
        <message>
            <source>Left</source>
            <translation>Left</translation>
        </message>
        <message>
            <source>Added at</source>
            <translation>Added at</translation>
        </message>
        <message>
            <source>first number</source>
            <translation>first number</translation>
        </message>
        <message>
            <source>last number</source>
            <translation>last number</translation>
        </message>
        <message>
            <source>Add range</source>
            <translation>Add range</translation>
        </message>
        <message>
            <source>Add numbers the carrier issued:</source>
            <translation>Add numbers the carrier issued:</translation>
        </message>
        <message>
            <source>Waybill-number pools</source>
            <translation>Waybill-number pools</translation>
        </message>
        <message>
            <source>Numbers already known are skipped: a waybill number is used once, ever.</source>
            <translation>Numbers already known are skipped: a waybill number is used once, ever.</translation>
        </message>
        <message>
            <source>Carrier {code} saved.</source>
            <translation>Carrier {code} saved.</translation>
        </message>
        <message>
            <source>{added} numbers added for {carrier}, {skipped} already known.</source>
            <translation>{added} numbers added for {carrier}, {skipped} already known.</translation>
        </message>
    </context>
    <context>
        <name>ClipPanel</name>
        <message>
            <source>Packing video recorded</source>
            <translation>Packing video recorded</translation>
        </message>
        <message>
            <source>Packing video deleted (retention)</source>
            <translation>Packing video deleted (retention)</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Start</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>Length</source>
            <translation>Length</translation>
        </message>
        <message>
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <source>Hash</source>
            <translation>Hash</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Play</translation>
        </message>
        <message>
            <source>Export for appeal…</source>
            <translation>Export for appeal…</translation>
        </message>
        <message>
            <source>Key frames</source>
            <translation>Key frames</translation>
        </message>
        <message>
            <source>— not on this PC</source>
            <translation>— not on this PC</translation>
        </message>
        <message>
            <source>✔ matches the chain</source>
            <translation>✔ matches the chain</translation>
        </message>
        <message>
            <source>✖ CHANGED since it was recorded</source>
            <translation>✖ CHANGED since it was recorded</translation>
        </message>
        <message>
            <source>{s} s</source>
            <translation>{s} s</translation>
        </message>
        <message>
            <source>No packing video of this parcel.</source>
            <translation>No packing video of this parcel.</translation>
        </message>
        <message>
            <source>This clip was deleted by retention on {at}.</source>
            <translation>This clip was deleted by retention on {at}.</translation>
        </message>
        <message>
            <source>The file is kept on station {station} (PC {host}), whose clip folder this PC does not reach: open it there, or share the folder.</source>
            <translation>The file is kept on station {station} (PC {host}), whose clip folder this PC does not reach: open it there, or share the folder.</translation>
        </message>
        <message>
            <source>{s} s into the clip</source>
            <translation>{s} s into the clip</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Export the packing video for an appeal</source>
            <translation>Export the packing video for an appeal</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Exporting…</translation>
        </message>
        <message numerus="yes">
            <source>%n clip(s) exported to {folder}</source>
            <translation>
                <numerusform>%n clip exported to {folder}</numerusform>
                <numerusform>%n clips exported to {folder}</numerusform>
            </translation>
        </message>
        <message>
            <source>(cut to the platform's upload limit; the original is kept)</source>
            <translation>(cut to the platform's upload limit; the original is kept)</translation>
        </message>
    </context>
    <context>
        <name>ComponentAddressDialog</name>
        <message>
            <source>Print component addresses</source>
            <translation>Print component addresses</translation>
        </message>
        <message>
            <source>The platforms' print components run on the print PC. Give its address and port (for example 192.168.1.20:13528); empty: this computer.</source>
            <translation>The platforms' print components run on the print PC. Give its address and port (for example 192.168.1.20:13528); empty: this computer.</translation>
        </message>
    </context>
    <context>
        <name>Dashboard</name>
        <message>
            <source>Printed</source>
            <extracomment>one colour per step; the legend, the tiles and the table headers name them too</extracomment>
            <translation>Printed</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>Weighed</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Held</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>Handed over</translation>
        </message>
        <message>
            <source>Verification incomplete</source>
            <translation>Verification incomplete</translation>
        </message>
        <message>
            <source>(no reason given)</source>
            <translation>(no reason given)</translation>
        </message>
    </context>
    <context>
        <name>DashboardStation</name>
        <message>
            <source>Today</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>Refresh (F5)</source>
            <translation>Refresh (F5)</translation>
        </message>
        <message>
            <source>Day:</source>
            <translation>Day:</translation>
        </message>
        <message>
            <source>Per hour: chart</source>
            <translation>Per hour: chart</translation>
        </message>
        <message>
            <source>Per hour: table</source>
            <translation>Per hour: table</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>Updated {time}</source>
            <translation>Updated {time}</translation>
        </message>
        <message>
            <source>Hour</source>
            <translation>Hour</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Holds</source>
            <translation>Holds</translation>
        </message>
        <message>
            <source>Holds by reason</source>
            <translation>Holds by reason</translation>
        </message>
        <message>
            <source>Per operator</source>
            <translation>Per operator</translation>
        </message>
        <message>
            <source>Still to ship today</source>
            <translation>Still to ship today</translation>
        </message>
        <message>
            <source>Hour of the day</source>
            <translation>Hour of the day</translation>
        </message>
        <message>
            <source>Parcels</source>
            <translation>Parcels</translation>
        </message>
        <message>
            <source>Parcels per hour, {day}</source>
            <translation>Parcels per hour, {day}</translation>
        </message>
        <message>
            <source>Whole day</source>
            <translation>Whole day</translation>
        </message>
        <message>
            <source>No holds this day</source>
            <translation>No holds this day</translation>
        </message>
        <message>
            <source>(no operator)</source>
            <translation>(no operator)</translation>
        </message>
        <message>
            <source>A past day: the cut-off countdown is shown for today only.</source>
            <translation>A past day: the cut-off countdown is shown for today only.</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) paid before it still to ship.</source>
            <translation>
                <numerusform>%n order paid before it still to ship.</numerusform>
                <numerusform>%n orders paid before it still to ship.</numerusform>
            </translation>
        </message>
        <message>
            <source>⚠ Same-day cut-off {time} has passed.</source>
            <translation>⚠ Same-day cut-off {time} has passed.</translation>
        </message>
        <message>
            <source>Same-day cut-off {time}: {h} h {m:02d} min left.</source>
            <translation>Same-day cut-off {time}: {h} h {m:02d} min left.</translation>
        </message>
    </context>
    <context>
        <name>DevicePanel</name>
        <message>
            <source>Scale and scanner test</source>
            <translation>Scale and scanner test</translation>
        </message>
        <message>
            <source>/dev/ttyUSB0 or a URL</source>
            <translation>/dev/ttyUSB0 or a URL</translation>
        </message>
        <message>
            <source>Refresh ports</source>
            <translation>Refresh ports</translation>
        </message>
        <message>
            <source>auto-detect</source>
            <translation>auto-detect</translation>
        </message>
        <message>
            <source>protocol default</source>
            <translation>protocol default</translation>
        </message>
        <message>
            <source>as sent (kg when the frame names none)</source>
            <translation>as sent (kg when the frame names none)</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Connect</translation>
        </message>
        <message>
            <source>Disconnect</source>
            <translation>Disconnect</translation>
        </message>
        <message>
            <source>Auto-detect</source>
            <translation>Auto-detect</translation>
        </message>
        <message>
            <source>Save as this station's scale</source>
            <translation>Save as this station's scale</translation>
        </message>
        <message>
            <source>Start simulated scale</source>
            <translation>Start simulated scale</translation>
        </message>
        <message>
            <source>Put a parcel on it</source>
            <translation>Put a parcel on it</translation>
        </message>
        <message>
            <source>Take it off</source>
            <translation>Take it off</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Port</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>Protocol</translation>
        </message>
        <message>
            <source>Baud rate</source>
            <translation>Baud rate</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>Unit</translation>
        </message>
        <message>
            <source>Scale</source>
            <translation>Scale</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Grams</source>
            <translation>Grams</translation>
        </message>
        <message>
            <source>Scale says</source>
            <translation>Scale says</translation>
        </message>
        <message>
            <source>Our check</source>
            <translation>Our check</translation>
        </message>
        <message>
            <source>Overload</source>
            <translation>Overload</translation>
        </message>
        <message>
            <source>Net / gross</source>
            <translation>Net / gross</translation>
        </message>
        <message>
            <source>Tare g</source>
            <translation>Tare g</translation>
        </message>
        <message>
            <source>Live</source>
            <translation>Live</translation>
        </message>
        <message>
            <source>Raw bytes from the scale (hex | text)</source>
            <translation>Raw bytes from the scale (hex | text)</translation>
        </message>
        <message>
            <source>Scan a barcode here</source>
            <translation>Scan a barcode here</translation>
        </message>
        <message>
            <source>Each scan is listed with its key timing. If the code lands in the field instead, the scanner types too slowly to be told from a person: shorten its inter-key delay.</source>
            <translation>Each scan is listed with its key timing. If the code lands in the field instead, the scanner types too slowly to be told from a person: shorten its inter-key delay.</translation>
        </message>
        <message>
            <source>Serial scanner port (optional)</source>
            <translation>Serial scanner port (optional)</translation>
        </message>
        <message>
            <source>Connect scanner</source>
            <translation>Connect scanner</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>Code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Keys</translation>
        </message>
        <message>
            <source>Avg ms/key</source>
            <translation>Avg ms/key</translation>
        </message>
        <message>
            <source>Max ms/key</source>
            <translation>Max ms/key</translation>
        </message>
        <message>
            <source>Ended by</source>
            <translation>Ended by</translation>
        </message>
        <message>
            <source>Scanner</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>Scale and scanner</source>
            <translation>Scale and scanner</translation>
        </message>
        <message>
            <source>Camera</source>
            <translation>Camera</translation>
        </message>
        <message>
            <source>simulated scale</source>
            <translation>simulated scale</translation>
        </message>
        <message>
            <source>Could not save the settings: {error}</source>
            <translation>Could not save the settings: {error}</translation>
        </message>
        <message>
            <source>Saved: {port}, {protocol}</source>
            <translation>Saved: {port}, {protocol}</translation>
        </message>
        <message>
            <source>Choose or type a port first.</source>
            <translation>Choose or type a port first.</translation>
        </message>
        <message>
            <source>No protocol recognised: bytes did not parse at any common setting. Check the cable and that the indicator sends its weight.</source>
            <translation>No protocol recognised: bytes did not parse at any common setting. Check the cable and that the indicator sends its weight.</translation>
        </message>
        <message>
            <source>Found {protocol} at {settings}, confidence {pct}%</source>
            <translation>Found {protocol} at {settings}, confidence {pct}%</translation>
        </message>
        <message>
            <source>Also possible: {others}</source>
            <translation>Also possible: {others}</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} g</translation>
        </message>
        <message>
            <source>Overload / out of range</source>
            <translation>Overload / out of range</translation>
        </message>
        <message>
            <source>Stable</source>
            <translation>Stable</translation>
        </message>
        <message>
            <source>Moving ({run} close readings)</source>
            <translation>Moving ({run} close readings)</translation>
        </message>
        <message>
            <source>Disconnect scanner</source>
            <translation>Disconnect scanner</translation>
        </message>
        <message>
            <source>Port open: waiting for a scan</source>
            <translation>Port open: waiting for a scan</translation>
        </message>
        <message>
            <source>Connected: scans arrive</source>
            <translation>Connected: scans arrive</translation>
        </message>
        <message>
            <source>Frames: {frames}    Bad frames: {bad}    Bytes: {bytes}</source>
            <translation>Frames: {frames}    Bad frames: {bad}    Bytes: {bytes}</translation>
        </message>
        <message>
            <source>stable</source>
            <translation>stable</translation>
        </message>
        <message>
            <source>moving</source>
            <translation>moving</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>yes</translation>
        </message>
        <message>
            <source>net</source>
            <translation>net</translation>
        </message>
        <message>
            <source>gross</source>
            <translation>gross</translation>
        </message>
        <message>
            <source>keyboard</source>
            <translation>keyboard</translation>
        </message>
        <message>
            <source>serial</source>
            <translation>serial</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>Enter</translation>
        </message>
        <message>
            <source>Tab</source>
            <translation>Tab</translation>
        </message>
        <message>
            <source>{code}  ({keys} keys, {avg} ms/key on average, {max} ms at most)</source>
            <translation>{code}  ({keys} keys, {avg} ms/key on average, {max} ms at most)</translation>
        </message>
        <message>
            <source>{code}  (serial scanner)</source>
            <translation>{code}  (serial scanner)</translation>
        </message>
    </context>
    <context>
        <name>Devices</name>
        <message>
            <source>You may not open {port}. Add your user to the dialout group:
sudo usermod -aG dialout $USER
(or install the udev rule resources/linux/99-parcelproof-serial.rules)
then log out and log in again.</source>
            <translation>You may not open {port}. Add your user to the dialout group:
sudo usermod -aG dialout $USER
(or install the udev rule resources/linux/99-parcelproof-serial.rules)
then log out and log in again.</translation>
        </message>
        <message>
            <source>Port {port} not found: is the cable plugged in, is the port name right?</source>
            <translation>Port {port} not found: is the cable plugged in, is the port name right?</translation>
        </message>
        <message>
            <source>Port {port} is used by another program: close it, then connect again.</source>
            <translation>Port {port} is used by another program: close it, then connect again.</translation>
        </message>
        <message>
            <source>{port} is not a port name or URL this program understands.</source>
            <translation>{port} is not a port name or URL this program understands.</translation>
        </message>
        <message>
            <source>Port {port} refuses these line settings (baud, parity).</source>
            <translation>Port {port} refuses these line settings (baud, parity).</translation>
        </message>
        <message>
            <source>Reading {port} failed: the cable was pulled or the device restarted.</source>
            <translation>Reading {port} failed: the cable was pulled or the device restarted.</translation>
        </message>
        <message>
            <source>This scale protocol is not known.</source>
            <translation>This scale protocol is not known.</translation>
        </message>
        <message>
            <source>Connecting: port open, waiting for data</source>
            <translation>Connecting: port open, waiting for data</translation>
        </message>
        <message>
            <source>Connected: data arrives</source>
            <translation>Connected: data arrives</translation>
        </message>
        <message>
            <source>No data: the port is open but the scale sends nothing (cable, baud rate, continuous output switched off?)</source>
            <translation>No data: the port is open but the scale sends nothing (cable, baud rate, continuous output switched off?)</translation>
        </message>
        <message>
            <source>Disconnected</source>
            <translation>Disconnected</translation>
        </message>
        <message>
            <source>Not connected</source>
            <translation>Not connected</translation>
        </message>
        <message>
            <source>Detecting the protocol (a few seconds)</source>
            <translation>Detecting the protocol (a few seconds)</translation>
        </message>
    </context>
    <context>
        <name>Dispute</name>
        <message>
            <source>{key} matches {count} parcels: choose one.</source>
            <translation>{key} matches {count} parcels: choose one.</translation>
        </message>
        <message>
            <source>{claim} is not a known claim.</source>
            <translation>{claim} is not a known claim.</translation>
        </message>
        <message>
            <source>{grams} is not a weight.</source>
            <translation>{grams} is not a weight.</translation>
        </message>
        <message>
            <source>Case {case} does not exist.</source>
            <translation>Case {case} does not exist.</translation>
        </message>
        <message>
            <source>{month} is not a month (YYYY-MM).</source>
            <translation>{month} is not a month (YYYY-MM).</translation>
        </message>
        <message>
            <source>Cannot write {path}: {detail}</source>
            <translation>Cannot write {path}: {detail}</translation>
        </message>
        <message>
            <source>Dispute registered</source>
            <translation>Dispute registered</translation>
        </message>
        <message>
            <source>Dispute settled</source>
            <translation>Dispute settled</translation>
        </message>
        <message>
            <source>Items missing (少件)</source>
            <translation>Items missing (少件)</translation>
        </message>
        <message>
            <source>Broken (破损)</source>
            <translation>Broken (破损)</translation>
        </message>
        <message>
            <source>Wrong goods (错发)</source>
            <translation>Wrong goods (错发)</translation>
        </message>
        <message>
            <source>Not received (未收到)</source>
            <translation>Not received (未收到)</translation>
        </message>
        <message>
            <source>No weighing on record for this parcel.</source>
            <translation>No weighing on record for this parcel.</translation>
        </message>
        <message>
            <source>The destination's weight agrees with dispatch ({n} g apart).</source>
            <translation>The destination's weight agrees with dispatch ({n} g apart).</translation>
        </message>
        <message>
            <source>Lighter at the destination by {n} g: something left the parcel.</source>
            <translation>Lighter at the destination by {n} g: something left the parcel.</translation>
        </message>
        <message>
            <source>Heavier at the destination by {n} g.</source>
            <translation>Heavier at the destination by {n} g.</translation>
        </message>
        <message>
            <source>Weighed as expected at dispatch ({n} g apart): it left complete.</source>
            <translation>Weighed as expected at dispatch ({n} g apart): it left complete.</translation>
        </message>
        <message>
            <source>Lighter than expected at dispatch by {n} g: it left short?</source>
            <translation>Lighter than expected at dispatch by {n} g: it left short?</translation>
        </message>
        <message>
            <source>Heavier than expected at dispatch by {n} g: extra goods?</source>
            <translation>Heavier than expected at dispatch by {n} g: extra goods?</translation>
        </message>
        <message>
            <source>Sure: only this fits the difference.</source>
            <translation>Sure: only this fits the difference.</translation>
        </message>
        <message>
            <source>Not sure: other items fit the difference as well.</source>
            <translation>Not sure: other items fit the difference as well.</translation>
        </message>
        <message>
            <source>No item fits the difference.</source>
            <translation>No item fits the difference.</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>Reprinted</source>
            <translation>Reprinted</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>Picked</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>Packed</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>Weighed</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>Handed over</translation>
        </message>
    </context>
    <context>
        <name>DisputeStation</name>
        <message>
            <source>Waybill no., order no., receiver name or last 4+ digits of the phone</source>
            <translation>Waybill no., order no., receiver name or last 4+ digits of the phone</translation>
        </message>
        <message>
            <source>Look up</source>
            <translation>Look up</translation>
        </message>
        <message>
            <source>Scan or type a waybill number to see the parcel's story.</source>
            <translation>Scan or type a waybill number to see the parcel's story.</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Detail</translation>
        </message>
        <message>
            <source>grams, if the destination reweighed</source>
            <translation>grams, if the destination reweighed</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Step</translation>
        </message>
        <message>
            <source>Register case</source>
            <translation>Register case</translation>
        </message>
        <message>
            <source>Evidence report…</source>
            <translation>Evidence report…</translation>
        </message>
        <message>
            <source>Claim</source>
            <translation>Claim</translation>
        </message>
        <message>
            <source>Destination weight</source>
            <translation>Destination weight</translation>
        </message>
        <message>
            <source>Story</source>
            <translation>Story</translation>
        </message>
        <message>
            <source>Packing video</source>
            <translation>Packing video</translation>
        </message>
        <message>
            <source>All claims</source>
            <translation>All claims</translation>
        </message>
        <message>
            <source>All carriers</source>
            <translation>All carriers</translation>
        </message>
        <message>
            <source>All months</source>
            <translation>All months</translation>
        </message>
        <message>
            <source>Export CSV/XLSX…</source>
            <translation>Export CSV/XLSX…</translation>
        </message>
        <message>
            <source>Case</source>
            <translation>Case</translation>
        </message>
        <message>
            <source>Registered</source>
            <translation>Registered</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>Waybill no.</translation>
        </message>
        <message>
            <source>Order no.</source>
            <translation>Order no.</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Finding</source>
            <translation>Finding</translation>
        </message>
        <message>
            <source>Difference g</source>
            <translation>Difference g</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>Responsible</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <source>Outcome, e.g. courier compensates</source>
            <translation>Outcome, e.g. courier compensates</translation>
        </message>
        <message>
            <source>Courier</source>
            <translation>Courier</translation>
        </message>
        <message>
            <source>Warehouse</source>
            <translation>Warehouse</translation>
        </message>
        <message>
            <source>Buyer</source>
            <translation>Buyer</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>Platform</translation>
        </message>
        <message>
            <source>Settle case</source>
            <translation>Settle case</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Month</translation>
        </message>
        <message>
            <source>Cases</source>
            <translation>Cases</translation>
        </message>
        <message>
            <source>Cases per month by claim and carrier</source>
            <translation>Cases per month by claim and carrier</translation>
        </message>
        <message>
            <source>Check a parcel</source>
            <translation>Check a parcel</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Register</translation>
        </message>
        <message>
            <source>Looking up…</source>
            <translation>Looking up…</translation>
        </message>
        <message>
            <source>No parcel matches {key}.</source>
            <translation>No parcel matches {key}.</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) match: choose one.</source>
            <translation>
                <numerusform>%n parcel match: choose one.</numerusform>
                <numerusform>%n parcels match: choose one.</numerusform>
            </translation>
        </message>
        <message>
            <source>Packing video ({n})</source>
            <translation>Packing video ({n})</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Expected {expected} (± {tol} g) · weighed at dispatch {recorded}</source>
            <translation>Expected {expected} (± {tol} g) · weighed at dispatch {recorded}</translation>
        </message>
        <message>
            <source>Destination {dest} · difference {diff}</source>
            <translation>Destination {dest} · difference {diff}</translation>
        </message>
        <message>
            <source>At dispatch: {text}</source>
            <translation>At dispatch: {text}</translation>
        </message>
        <message>
            <source>Most likely: {items}</source>
            <translation>Most likely: {items}</translation>
        </message>
        <message>
            <source>Stub: bundle {bundle}, position {position}</source>
            <translation>Stub: bundle {bundle}, position {position}</translation>
        </message>
        <message>
            <source>No stub on record.</source>
            <translation>No stub on record.</translation>
        </message>
        <message>
            <source>Handed over on manifest {no} to {courier}</source>
            <translation>Handed over on manifest {no} to {courier}</translation>
        </message>
        <message>
            <source>Case {case} registered.</source>
            <translation>Case {case} registered.</translation>
        </message>
        <message>
            <source>Save the evidence report</source>
            <translation>Save the evidence report</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>Evidence report saved: {path}</source>
            <translation>Evidence report saved: {path}</translation>
        </message>
        <message>
            <source>Export the dispute register</source>
            <translation>Export the dispute register</translation>
        </message>
        <message>
            <source>Excel (*.xlsx);;CSV (*.csv)</source>
            <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
        </message>
        <message numerus="yes">
            <source>%n case(s) exported to {path}</source>
            <translation>
                <numerusform>%n case exported to {path}</numerusform>
                <numerusform>%n cases exported to {path}</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose a case in the register first.</source>
            <translation>Choose a case in the register first.</translation>
        </message>
        <message>
            <source>Case {case} settled.</source>
            <translation>Case {case} settled.</translation>
        </message>
    </context>
    <context>
        <name>Error</name>
        <message>
            <source>Badge or staff number {badge} is not known.</source>
            <translation>Badge or staff number {badge} is not known.</translation>
        </message>
        <message>
            <source>Operator {operator} is no longer active.</source>
            <translation>Operator {operator} is no longer active.</translation>
        </message>
        <message>
            <source>Enter your PIN to sign in.</source>
            <translation>Enter your PIN to sign in.</translation>
        </message>
        <message>
            <source>Wrong PIN. {left} more wrong in a row lock the badge.</source>
            <translation>Wrong PIN. {left} more wrong in a row lock the badge.</translation>
        </message>
        <message>
            <source>A wrong PIN was typed just now: try again in {wait} s.</source>
            <translation>A wrong PIN was typed just now: try again in {wait} s.</translation>
        </message>
        <message>
            <source>The badge of {operator} is locked after too many wrong PINs, until {until}. An admin can unlock it.</source>
            <translation>The badge of {operator} is locked after too many wrong PINs, until {until}. An admin can unlock it.</translation>
        </message>
        <message>
            <source>This floor needs PINs of {digits} digits: ask the admin for a new {digits}-digit PIN.</source>
            <translation>This floor needs PINs of {digits} digits: ask the admin for a new {digits}-digit PIN.</translation>
        </message>
        <message>
            <source>No order matches {key}.</source>
            <translation>No order matches {key}.</translation>
        </message>
        <message>
            <source>No packing video of {key} was found.</source>
            <translation>No packing video of {key} was found.</translation>
        </message>
        <message>
            <source>The packing video {file} cannot be opened here: it is kept on station {host} (or it has expired).</source>
            <translation>The packing video {file} cannot be opened here: it is kept on station {host} (or it has expired).</translation>
        </message>
        <message>
            <source>A video copy can be cut to the platform's limit, not at all, or to a number of seconds, not {limit}.</source>
            <translation>A video copy can be cut to the platform's limit, not at all, or to a number of seconds, not {limit}.</translation>
        </message>
        <message>
            <source>A reason is required.</source>
            <translation>A reason is required.</translation>
        </message>
        <message>
            <source>Operator {operator} may not do this (needs: {roles}).</source>
            <translation>Operator {operator} may not do this (needs: {roles}).</translation>
        </message>
        <message>
            <source>The database cannot be reached: {detail}</source>
            <translation>The database cannot be reached: {detail}</translation>
        </message>
        <message>
            <source>The database server cannot be reached (network or server down). Nothing was recorded for this scan: try again when the server is back.</source>
            <translation>The database server cannot be reached (network or server down). Nothing was recorded for this scan: try again when the server is back.</translation>
        </message>
        <message>
            <source>The database has no tables yet: run “parcelproof db upgrade”.</source>
            <translation>The database has no tables yet: run “parcelproof db upgrade”.</translation>
        </message>
        <message>
            <source>The database (schema {have}) is older than this program ({want}): run “parcelproof db upgrade”.</source>
            <translation>The database (schema {have}) is older than this program ({want}): run “parcelproof db upgrade”.</translation>
        </message>
        <message>
            <source>The database (schema {have}) is older than this program ({want}). This station signs in to the database as {login}, which may not change the schema: the database's owner must run “parcelproof db upgrade” first.</source>
            <translation>The database (schema {have}) is older than this program ({want}). This station signs in to the database as {login}, which may not change the schema: the database's owner must run “parcelproof db upgrade” first.</translation>
        </message>
        <message>
            <source>The database refused this to this station's login ({detail}). Nothing was recorded. Ask whoever looks after the server to run “parcelproof db grant-station” again.</source>
            <translation>The database refused this to this station's login ({detail}). Nothing was recorded. Ask whoever looks after the server to run “parcelproof db grant-station” again.</translation>
        </message>
        <message>
            <source>This program is older than the database (schema {have}, program {want}): update this station.</source>
            <translation>This program is older than the database (schema {have}, program {want}): update this station.</translation>
        </message>
        <message>
            <source>The evidence chain in {path} does not verify ({problem}); nothing was changed.</source>
            <translation>The evidence chain in {path} does not verify ({problem}); nothing was changed.</translation>
        </message>
        <message>
            <source>{path} is damaged (truncated or altered) and cannot be restored: nothing was changed.</source>
            <translation>{path} is damaged (truncated or altered) and cannot be restored: nothing was changed.</translation>
        </message>
        <message>
            <source>The backup failed: {detail}.</source>
            <translation>The backup failed: {detail}.</translation>
        </message>
        <message>
            <source>{path} was written by a newer program (schema {revision}): update this station first; nothing was changed.</source>
            <translation>{path} was written by a newer program (schema {revision}): update this station first; nothing was changed.</translation>
        </message>
        <message>
            <source>There is no file {path}.</source>
            <translation>There is no file {path}.</translation>
        </message>
        <message>
            <source>{path} is not a Parcelproof backup: nothing was changed.</source>
            <translation>{path} is not a Parcelproof backup: nothing was changed.</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) has a wrong check digit: check the parcel.</source>
            <translation>A scan kept while offline ({key}) has a wrong check digit: check the parcel.</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) was one unit too many: check the parcel.</source>
            <translation>A scan kept while offline ({key}) was one unit too many: check the parcel.</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) needed a serial number: check the parcel.</source>
            <translation>A scan kept while offline ({key}) needed a serial number: check the parcel.</translation>
        </message>
        <message>
            <source>A scan kept while offline names order {key}, which was never opened: check the parcel.</source>
            <translation>A scan kept while offline names order {key}, which was never opened: check the parcel.</translation>
        </message>
        <message>
            <source>A serial number kept while offline ({key}) was scanned twice: check the parcel.</source>
            <translation>A serial number kept while offline ({key}) was scanned twice: check the parcel.</translation>
        </message>
        <message>
            <source>A serial number kept while offline ({key}) is already in another parcel: check the parcel.</source>
            <translation>A serial number kept while offline ({key}) is already in another parcel: check the parcel.</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) is no known product: check the parcel.</source>
            <translation>A scan kept while offline ({key}) is no known product: check the parcel.</translation>
        </message>
        <message>
            <source>A scan kept while offline ({key}) was the wrong item: check the parcel.</source>
            <translation>A scan kept while offline ({key}) was the wrong item: check the parcel.</translation>
        </message>
        <message>
            <source>The restore failed and was rolled back: {detail}.</source>
            <translation>The restore failed and was rolled back: {detail}.</translation>
        </message>
        <message>
            <source>Stations are still connected to the database ({count}): close them first; nothing was changed.</source>
            <translation>Stations are still connected to the database ({count}): close them first; nothing was changed.</translation>
        </message>
        <message>
            <source>{tool} is not installed (the PostgreSQL client tools).</source>
            <translation>{tool} is not installed (the PostgreSQL client tools).</translation>
        </message>
        <message>
            <source>reason not given</source>
            <translation>reason not given</translation>
        </message>
        <message>
            <source>Something went wrong: {code}</source>
            <translation>Something went wrong: {code}</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not known (or no longer in use).</source>
            <translation>Waybill {waybill} is not known (or no longer in use).</translation>
        </message>
        <message>
            <source>Waybill {waybill} belongs to a cancelled order: do not ship it.</source>
            <translation>Waybill {waybill} belongs to a cancelled order: do not ship it.</translation>
        </message>
        <message>
            <source>Unknown label format {format}.</source>
            <translation>Unknown label format {format}.</translation>
        </message>
        <message>
            <source>The batch needs at least one order.</source>
            <translation>The batch needs at least one order.</translation>
        </message>
        <message>
            <source>No shop is called {shop}.</source>
            <translation>No shop is called {shop}.</translation>
        </message>
        <message>
            <source>The carrier has no free waybill numbers left.</source>
            <translation>The carrier has no free waybill numbers left.</translation>
        </message>
        <message>
            <source>No carrier serves this address.</source>
            <translation>No carrier serves this address.</translation>
        </message>
        <message>
            <source>The order is not waiting to print.</source>
            <translation>The order is not waiting to print.</translation>
        </message>
        <message>
            <source>No carrier has the code {carrier}.</source>
            <translation>No carrier has the code {carrier}.</translation>
        </message>
        <message>
            <source>Order {order_no} ({status}): waybill {waybill} is already with the courier.</source>
            <translation>Order {order_no} ({status}): waybill {waybill} is already with the courier.</translation>
        </message>
        <message>
            <source>Order {order} is already printed: void its waybill before changing the carrier.</source>
            <translation>Order {order} is already printed: void its waybill before changing the carrier.</translation>
        </message>
        <message>
            <source>{carrier} does not deliver to {area} (order {order}).</source>
            <translation>{carrier} does not deliver to {area} (order {order}).</translation>
        </message>
        <message>
            <source>Waybill {waybill} is a platform e-waybill: it prints only at the platform's print component.</source>
            <translation>Waybill {waybill} is a platform e-waybill: it prints only at the platform's print component.</translation>
        </message>
        <message>
            <source>Waybill {waybill} is one of our own numbers: it prints on the label printer, not at a print component.</source>
            <translation>Waybill {waybill} is one of our own numbers: it prints on the label printer, not at a print component.</translation>
        </message>
        <message>
            <source>The platform refused: {platform_code} {message}. Nothing was changed.</source>
            <translation>The platform refused: {platform_code} {message}. Nothing was changed.</translation>
        </message>
        <message>
            <source>The e-waybill account {account} no longer exists.</source>
            <translation>The e-waybill account {account} no longer exists.</translation>
        </message>
        <message>
            <source>This station cannot read the e-waybill account's secret (its key is not the one the account was saved with): save the account again at the admin station.</source>
            <translation>This station cannot read the e-waybill account's secret (its key is not the one the account was saved with): save the account again at the admin station.</translation>
        </message>
        <message>
            <source>E-waybills from {platform} are not supported yet.</source>
            <translation>E-waybills from {platform} are not supported yet.</translation>
        </message>
    </context>
    <context>
        <name>Event</name>
        <message>
            <source>Imported</source>
            <extracomment>the station modules that register words for the event kinds they record: a timeline shown at one station (the dispute desk) names events recorded at all the others</extracomment>
            <translation>Imported</translation>
        </message>
        <message>
            <source>Changed by re-import</source>
            <translation>Changed by re-import</translation>
        </message>
        <message>
            <source>Intercepted</source>
            <translation>Intercepted</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Interception too late</source>
            <translation>Interception too late</translation>
        </message>
        <message>
            <source>Cancelled on the platform after shipment</source>
            <translation>Cancelled on the platform after shipment</translation>
        </message>
        <message>
            <source>Put on hold</source>
            <translation>Put on hold</translation>
        </message>
        <message>
            <source>Wrong PIN</source>
            <translation>Wrong PIN</translation>
        </message>
        <message>
            <source>Badge locked after wrong PINs</source>
            <translation>Badge locked after wrong PINs</translation>
        </message>
        <message>
            <source>Badge unlocked by an admin</source>
            <translation>Badge unlocked by an admin</translation>
        </message>
        <message>
            <source>Address changed</source>
            <translation>Address changed</translation>
        </message>
        <message>
            <source>Waybill printed</source>
            <translation>Waybill printed</translation>
        </message>
        <message>
            <source>Waybill reprinted</source>
            <translation>Waybill reprinted</translation>
        </message>
        <message>
            <source>Scan</source>
            <translation>Scan</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>Weighed</translation>
        </message>
        <message>
            <source>Override</source>
            <translation>Override</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>Handed over</translation>
        </message>
        <message>
            <source>Backup restored by force</source>
            <translation>Backup restored by force</translation>
        </message>
        <message>
            <source>Print failed</source>
            <translation>Print failed</translation>
        </message>
        <message>
            <source>Print batch formed</source>
            <translation>Print batch formed</translation>
        </message>
        <message>
            <source>Waybill number given</source>
            <translation>Waybill number given</translation>
        </message>
        <message>
            <source>Waybill voided</source>
            <translation>Waybill voided</translation>
        </message>
        <message>
            <source>Waybill updated on the platform (new address)</source>
            <translation>Waybill updated on the platform (new address)</translation>
        </message>
        <message>
            <source>Routing table imported</source>
            <translation>Routing table imported</translation>
        </message>
        <message>
            <source>Carrier changed by hand</source>
            <translation>Carrier changed by hand</translation>
        </message>
        <message>
            <source>Admin change</source>
            <translation>Admin change</translation>
        </message>
        <message>
            <source>E-waybill account saved</source>
            <translation>E-waybill account saved</translation>
        </message>
        <message>
            <source>E-waybill account removed</source>
            <translation>E-waybill account removed</translation>
        </message>
    </context>
    <context>
        <name>Handover</name>
        <message>
            <source>{carrier} is not a known carrier.</source>
            <translation>{carrier} is not a known carrier.</translation>
        </message>
        <message>
            <source>Enter the courier's name before closing.</source>
            <translation>Enter the courier's name before closing.</translation>
        </message>
        <message>
            <source>The cart is empty: nothing to hand over.</source>
            <translation>The cart is empty: nothing to hand over.</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not on this cart.</source>
            <translation>Waybill {waybill} is not on this cart.</translation>
        </message>
        <message>
            <source>{platform} is not a known platform.</source>
            <translation>{platform} is not a known platform.</translation>
        </message>
        <message>
            <source>Cannot write {path}: {detail}</source>
            <translation>Cannot write {path}: {detail}</translation>
        </message>
        <message>
            <source>Handover cart opened</source>
            <translation>Handover cart opened</translation>
        </message>
        <message>
            <source>Taken off the handover cart</source>
            <translation>Taken off the handover cart</translation>
        </message>
        <message>
            <source>Exported to the platform</source>
            <translation>Exported to the platform</translation>
        </message>
        <message>
            <source>Waybill {waybill} is not known.</source>
            <translation>Waybill {waybill} is not known.</translation>
        </message>
        <message>
            <source>Order {order_no} is CANCELLED: take the parcel back.</source>
            <translation>Order {order_no} is CANCELLED: take the parcel back.</translation>
        </message>
        <message>
            <source>Waybill {waybill} has not been weighed: back to weighing.</source>
            <translation>Waybill {waybill} has not been weighed: back to weighing.</translation>
        </message>
        <message>
            <source>Waybill {waybill} is held for its weight: it waits for a supervisor.</source>
            <translation>Waybill {waybill} is held for its weight: it waits for a supervisor.</translation>
        </message>
        <message>
            <source>Waybill {waybill} belongs to carrier {carrier}, not to this cart.</source>
            <translation>Waybill {waybill} belongs to carrier {carrier}, not to this cart.</translation>
        </message>
        <message>
            <source>Waybill {waybill} is already on this cart.</source>
            <translation>Waybill {waybill} is already on this cart.</translation>
        </message>
        <message>
            <source>Waybill {waybill} is on another cart.</source>
            <translation>Waybill {waybill} is on another cart.</translation>
        </message>
        <message>
            <source>Waybill {waybill} was handed over already.</source>
            <translation>Waybill {waybill} was handed over already.</translation>
        </message>
    </context>
    <context>
        <name>HandoverStation</name>
        <message>
            <source>Open cart</source>
            <translation>Open cart</translation>
        </message>
        <message>
            <source>Remove a parcel (then scan it)</source>
            <translation>Remove a parcel (then scan it)</translation>
        </message>
        <message>
            <source>Courier's name</source>
            <translation>Courier's name</translation>
        </message>
        <message>
            <source>Close and print manifest (F10)</source>
            <translation>Close and print manifest (F10)</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Scan the carrier code or choose the carrier</source>
            <translation>Scan the carrier code or choose the carrier</translation>
        </message>
        <message>
            <source>{carrier}: scan each parcel onto the cart</source>
            <translation>{carrier}: scan each parcel onto the cart</translation>
        </message>
        <message numerus="yes">
            <source>%n parcel(s) on the cart</source>
            <translation>
                <numerusform>%n parcel on the cart</numerusform>
                <numerusform>%n parcels on the cart</numerusform>
            </translation>
        </message>
        <message>
            <source>of {n} weighed for this carrier ({kg})</source>
            <translation>of {n} weighed for this carrier ({kg})</translation>
        </message>
        <message numerus="yes">
            <source>%n waiting</source>
            <translation>
                <numerusform>%n waiting</numerusform>
                <numerusform>%n waiting</numerusform>
            </translation>
        </message>
        <message>
            <source>Cart opened. Scan the first parcel.</source>
            <translation>Cart opened. Scan the first parcel.</translation>
        </message>
        <message>
            <source>released by a supervisor</source>
            <translation>released by a supervisor</translation>
        </message>
        <message>
            <source>On the cart: {waybill} ({grams} g)</source>
            <translation>On the cart: {waybill} ({grams} g)</translation>
        </message>
        <message>
            <source>Scan the parcel to take off the cart.</source>
            <translation>Scan the parcel to take off the cart.</translation>
        </message>
        <message>
            <source>Taken off the cart: {waybill}</source>
            <translation>Taken off the cart: {waybill}</translation>
        </message>
        <message>
            <source>Enter the courier's name before closing.</source>
            <translation>Enter the courier's name before closing.</translation>
        </message>
        <message numerus="yes">
            <source>%n weighed parcel(s) for this carrier are not on the cart: {waybills}</source>
            <translation>
                <numerusform>%n weighed parcel for this carrier are not on the cart: {waybills}</numerusform>
                <numerusform>%n weighed parcels for this carrier are not on the cart: {waybills}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Close the cart and leave %n parcel(s) behind?</source>
            <translation>
                <numerusform>Close the cart and leave %n parcel behind?</numerusform>
                <numerusform>Close the cart and leave %n parcels behind?</numerusform>
            </translation>
        </message>
        <message>
            <source>Go back and load them</source>
            <translation>Go back and load them</translation>
        </message>
        <message>
            <source>Close anyway</source>
            <translation>Close anyway</translation>
        </message>
        <message>
            <source>Scan the parcels left behind onto the cart.</source>
            <translation>Scan the parcels left behind onto the cart.</translation>
        </message>
        <message numerus="yes">
            <source>%n weighed parcel(s) left behind — not on this cart:</source>
            <translation>
                <numerusform>%n weighed parcel left behind — not on this cart:</numerusform>
                <numerusform>%n weighed parcels left behind — not on this cart:</numerusform>
            </translation>
        </message>
        <message>
            <source>Manifest {no}: {n} parcels handed over, {left} left behind.</source>
            <translation>Manifest {no}: {n} parcels handed over, {left} left behind.</translation>
        </message>
        <message>
            <source>Nothing left behind.</source>
            <translation>Nothing left behind.</translation>
        </message>
        <message>
            <source>Manifest {no}: {n} parcels handed over to {courier}.</source>
            <translation>Manifest {no}: {n} parcels handed over to {courier}.</translation>
        </message>
        <message>
            <source>Manifest printed: {where}</source>
            <translation>Manifest printed: {where}</translation>
        </message>
        <message>
            <source>The manifest did not print: {message}</source>
            <translation>The manifest did not print: {message}</translation>
        </message>
    </context>
    <context>
        <name>Hold</name>
        <message>
            <source>Locked on the platform</source>
            <translation>Locked on the platform</translation>
        </message>
        <message>
            <source>Address changed after printing</source>
            <translation>Address changed after printing</translation>
        </message>
        <message>
            <source>Out of stock</source>
            <translation>Out of stock</translation>
        </message>
        <message>
            <source>Wrong item found</source>
            <translation>Wrong item found</translation>
        </message>
        <message>
            <source>Damaged goods</source>
            <translation>Damaged goods</translation>
        </message>
        <message>
            <source>Address problem</source>
            <translation>Address problem</translation>
        </message>
        <message>
            <source>Weight out of tolerance</source>
            <translation>Weight out of tolerance</translation>
        </message>
        <message>
            <source>Verification incomplete</source>
            <translation>Verification incomplete</translation>
        </message>
        <message>
            <source>Scanned while offline, refused when sent: check the parcel</source>
            <translation>Scanned while offline, refused when sent: check the parcel</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Parcelproof</source>
            <translation>Parcelproof</translation>
        </message>
        <message>
            <source>Stations (F2)</source>
            <translation>Stations (F2)</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>Voice on</source>
            <translation>Voice on</translation>
        </message>
        <message>
            <source>Voice off</source>
            <translation>Voice off</translation>
        </message>
        <message>
            <source>DEMO</source>
            <translation>DEMO</translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation>Not signed in</translation>
        </message>
        <message>
            <source>The station “{name}” is not available in this version.</source>
            <translation>The station “{name}” is not available in this version.</translation>
        </message>
        <message>
            <source>Locked after idle time. Scan your badge.</source>
            <translation>Locked after idle time. Scan your badge.</translation>
        </message>
    </context>
    <context>
        <name>OperatorsTab</name>
        <message>
            <source>Search staff number, name or badge</source>
            <translation>Search staff number, name or badge</translation>
        </message>
        <message>
            <source>Staff no.</source>
            <translation>Staff no.</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>Badge</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>PIN set</source>
            <translation>PIN set</translation>
        </message>
        <message>
            <source>Locked until</source>
            <translation>Locked until</translation>
        </message>
        <message>
            <source>empty: OP + staff number</source>
            <translation>empty: OP + staff number</translation>
        </message>
        <message>
            <source>4–12 digits (6–12 where the floor requires); supervisors and admins need one</source>
            <translation>4–12 digits (6–12 where the floor requires); supervisors and admins need one</translation>
        </message>
        <message>
            <source>New operator</source>
            <translation>New operator</translation>
        </message>
        <message>
            <source>Save operator</source>
            <translation>Save operator</translation>
        </message>
        <message>
            <source>Reset PIN</source>
            <translation>Reset PIN</translation>
        </message>
        <message>
            <source>Deactivate</source>
            <translation>Deactivate</translation>
        </message>
        <message>
            <source>Unlock badge</source>
            <translation>Unlock badge</translation>
        </message>
        <message>
            <source>Lift the lock after too many wrong PINs (it also ends by itself).</source>
            <translation>Lift the lock after too many wrong PINs (it also ends by itself).</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Operators are never deleted: events name them. Deactivate instead.</source>
            <translation>Operators are never deleted: events name them. Deactivate instead.</translation>
        </message>
        <message>
            <source>Reactivate</source>
            <translation>Reactivate</translation>
        </message>
        <message>
            <source>Operator {code} saved.</source>
            <translation>Operator {code} saved.</translation>
        </message>
        <message>
            <source>Your PIN to add operator {code}.</source>
            <translation>Your PIN to add operator {code}.</translation>
        </message>
        <message>
            <source>Your PIN to change operator {code}.</source>
            <translation>Your PIN to change operator {code}.</translation>
        </message>
        <message>
            <source>New PIN set for {code}.</source>
            <translation>New PIN set for {code}.</translation>
        </message>
        <message>
            <source>Your PIN to set a new PIN for {code}.</source>
            <translation>Your PIN to set a new PIN for {code}.</translation>
        </message>
        <message>
            <source>Operator {code} reactivated.</source>
            <translation>Operator {code} reactivated.</translation>
        </message>
        <message>
            <source>Operator {code} deactivated.</source>
            <translation>Operator {code} deactivated.</translation>
        </message>
        <message>
            <source>Your PIN to reactivate {code}.</source>
            <translation>Your PIN to reactivate {code}.</translation>
        </message>
        <message>
            <source>Your PIN to deactivate {code}.</source>
            <translation>Your PIN to deactivate {code}.</translation>
        </message>
        <message>
            <source>The badge of {code} is unlocked.</source>
            <translation>The badge of {code} is unlocked.</translation>
        </message>
        <message>
            <source>Your PIN to unlock the badge of {code}.</source>
            <translation>Your PIN to unlock the badge of {code}.</translation>
        </message>
    </context>
    <context>
        <name>OrderBrowser</name>
        <message>
            <source>Order no., waybill no., receiver name or last 4 digits of the phone</source>
            <translation>Order no., waybill no., receiver name or last 4 digits of the phone</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>All carriers</source>
            <translation>All carriers</translation>
        </message>
        <message>
            <source>All shops</source>
            <translation>All shops</translation>
        </message>
        <message>
            <source>Paid: any time</source>
            <translation>Paid: any time</translation>
        </message>
        <message>
            <source>Paid today</source>
            <translation>Paid today</translation>
        </message>
        <message>
            <source>Paid yesterday</source>
            <translation>Paid yesterday</translation>
        </message>
        <message>
            <source>Paid in the last 7 days</source>
            <translation>Paid in the last 7 days</translation>
        </message>
        <message>
            <source>Paid in the last 30 days</source>
            <translation>Paid in the last 30 days</translation>
        </message>
        <message>
            <source>Paid between…</source>
            <translation>Paid between…</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>more than 100,000 orders</source>
            <translation>more than 100,000 orders</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s)</source>
            <translation>
                <numerusform>%n order</numerusform>
                <numerusform>%n orders</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OrderDetail</name>
        <message>
            <source>Open an order to see its lines and its history.</source>
            <translation>Open an order to see its lines and its history.</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <source>Unit g</source>
            <translation>Unit g</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>What</source>
            <translation>What</translation>
        </message>
        <message>
            <source>Station</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>Operator</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Detail</source>
            <translation>Detail</translation>
        </message>
        <message>
            <source>Lines</source>
            <translation>Lines</translation>
        </message>
        <message>
            <source>History</source>
            <translation>History</translation>
        </message>
        <message>
            <source>Carrier {carrier}, waybill {waybill}</source>
            <translation>Carrier {carrier}, waybill {waybill}</translation>
        </message>
        <message>
            <source>Expected weight {grams} g ± {tol} g</source>
            <translation>Expected weight {grams} g ± {tol} g</translation>
        </message>
        <message>
            <source>Buyer message: {text}</source>
            <translation>Buyer message: {text}</translation>
        </message>
        <message>
            <source>Seller remark: {text}</source>
            <translation>Seller remark: {text}</translation>
        </message>
    </context>
    <context>
        <name>OrderTableModel</name>
        <message>
            <source>Order no.</source>
            <translation>Order no.</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Receiver</source>
            <translation>Receiver</translation>
        </message>
        <message>
            <source>Phone tail</source>
            <translation>Phone tail</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>Destination</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>Waybill no.</translation>
        </message>
        <message>
            <source>Video</source>
            <translation>Video</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>Items</translation>
        </message>
        <message>
            <source>Paid at</source>
            <translation>Paid at</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>Shop</translation>
        </message>
        <message>
            <source>This parcel has a packing video: open it at the dispute desk.</source>
            <translation>This parcel has a packing video: open it at the dispute desk.</translation>
        </message>
    </context>
    <context>
        <name>OverrideDialog</name>
        <message>
            <source>Supervisor override</source>
            <translation>Supervisor override</translation>
        </message>
        <message>
            <source>Scan the supervisor's badge</source>
            <translation>Scan the supervisor's badge</translation>
        </message>
        <message>
            <source>The supervisor's PIN</source>
            <translation>The supervisor's PIN</translation>
        </message>
        <message>
            <source>Why may this parcel ship?</source>
            <translation>Why may this parcel ship?</translation>
        </message>
        <message>
            <source>Badge</source>
            <translation>Badge</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
    </context>
    <context>
        <name>Pack</name>
        <message>
            <source>Gift: {text}</source>
            <translation>Gift: {text}</translation>
        </message>
        <message>
            <source>Invoice: put the envelope on top</source>
            <translation>Invoice: put the envelope on top</translation>
        </message>
        <message>
            <source>Fragile: {name}</source>
            <translation>Fragile: {name}</translation>
        </message>
        <message>
            <source>Use extra filler</source>
            <translation>Use extra filler</translation>
        </message>
    </context>
    <context>
        <name>PackStation</name>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <source>Scan the waybill</source>
            <translation>Scan the waybill</translation>
        </message>
        <message>
            <source>{code} is not a carton of this floor (nor a waybill): scan the carton used (suggested: {carton})</source>
            <translation>{code} is not a carton of this floor (nor a waybill): scan the carton used (suggested: {carton})</translation>
        </message>
        <message>
            <source>OFFLINE: scan the carton used</source>
            <translation>OFFLINE: scan the carton used</translation>
        </message>
        <message>
            <source>Server unreachable. Waybill {waybill}: scan the carton; it is kept at this station ({kept} waiting) and recorded when the server is back.</source>
            <translation>Server unreachable. Waybill {waybill}: scan the carton; it is kept at this station ({kept} waiting) and recorded when the server is back.</translation>
        </message>
        <message>
            <source>OFFLINE: scan the next waybill</source>
            <translation>OFFLINE: scan the next waybill</translation>
        </message>
        <message>
            <source>Kept offline ({kept} waiting): recorded when the server is back.</source>
            <translation>Kept offline ({kept} waiting): recorded when the server is back.</translation>
        </message>
        <message>
            <source>Order {order_no} · waybill {waybill} · {carrier}</source>
            <translation>Order {order_no} · waybill {waybill} · {carrier}</translation>
        </message>
        <message numerus="yes">
            <source>%n item(s)</source>
            <translation>
                <numerusform>%n item</numerusform>
                <numerusform>%n items</numerusform>
            </translation>
        </message>
        <message>
            <source>Scan the carton used (suggested: {carton}): weighing needs it</source>
            <translation>Scan the carton used (suggested: {carton}): weighing needs it</translation>
        </message>
        <message>
            <source>Scan the carton used (suggested: {carton})</source>
            <translation>Scan the carton used (suggested: {carton})</translation>
        </message>
        <message>
            <source>Order {order_no} opened</source>
            <translation>Order {order_no} opened</translation>
        </message>
        <message>
            <source>Order {order_no} packed in {carton}</source>
            <translation>Order {order_no} packed in {carton}</translation>
        </message>
        <message>
            <source>Packed — scan the next waybill</source>
            <translation>Packed — scan the next waybill</translation>
        </message>
    </context>
    <context>
        <name>Packing</name>
        <message>
            <source>carton</source>
            <translation>carton</translation>
        </message>
        <message>
            <source>filler</source>
            <translation>filler</translation>
        </message>
    </context>
    <context>
        <name>PickStation</name>
        <message>
            <source>Bin</source>
            <translation>Bin</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>Picked</translation>
        </message>
        <message>
            <source>Short</source>
            <translation>Short</translation>
        </message>
        <message>
            <source>Confirm line (F6)</source>
            <translation>Confirm line (F6)</translation>
        </message>
        <message>
            <source>Shortage on line (F7)</source>
            <translation>Shortage on line (F7)</translation>
        </message>
        <message>
            <source>Scan the pick list or a waybill</source>
            <translation>Scan the pick list or a waybill</translation>
        </message>
        <message>
            <source>Pick list {code} · {n} orders</source>
            <translation>Pick list {code} · {n} orders</translation>
        </message>
        <message>
            <source>{done} of {total} items picked</source>
            <translation>{done} of {total} items picked</translation>
        </message>
        <message>
            <source>Pick list complete — scan the next pick list</source>
            <translation>Pick list complete — scan the next pick list</translation>
        </message>
        <message>
            <source>Bin {bin}: pick {n} × {name}</source>
            <translation>Bin {bin}: pick {n} × {name}</translation>
        </message>
        <message>
            <source>INTERCEPTED: return to stock</source>
            <translation>INTERCEPTED: return to stock</translation>
        </message>
        <message>
            <source>Pull these slips, do not pick them: {orders}</source>
            <translation>Pull these slips, do not pick them: {orders}</translation>
        </message>
        <message>
            <source>Pick list {code} opened</source>
            <translation>Pick list {code} opened</translation>
        </message>
        <message>
            <source>picked: {orders}</source>
            <translation>picked: {orders}</translation>
        </message>
        <message>
            <source>on hold: {orders}</source>
            <translation>on hold: {orders}</translation>
        </message>
        <message>
            <source>Pick list {code} complete</source>
            <translation>Pick list {code} complete</translation>
        </message>
        <message>
            <source>Scan a pick list first.</source>
            <translation>Scan a pick list first.</translation>
        </message>
    </context>
    <context>
        <name>PinDialog</name>
        <message>
            <source>Your PIN</source>
            <translation>Your PIN</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>Try again in {seconds} s.</translation>
        </message>
    </context>
    <context>
        <name>PlatformPanel</name>
        <message>
            <source>Platform e-waybills</source>
            <translation>Platform e-waybills</translation>
        </message>
        <message>
            <source>Shop</source>
            <translation>Shop</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>Platform</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Branch</source>
            <translation>Branch</translation>
        </message>
        <message>
            <source>Numbers left</source>
            <translation>Numbers left</translation>
        </message>
        <message>
            <source>Print component</source>
            <translation>Print component</translation>
        </message>
        <message>
            <source>Printer</source>
            <translation>Printer</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>Ask the platforms and the print components again</source>
            <translation>Ask the platforms and the print components again</translation>
        </message>
        <message>
            <source>Running low: {list}</source>
            <translation>Running low: {list}</translation>
        </message>
        <message>
            <source>Component addresses…</source>
            <translation>Component addresses…</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>…</source>
            <translation>…</translation>
        </message>
        <message>
            <source>not known: {error}</source>
            <translation>not known: {error}</translation>
        </message>
        <message>
            <source>{n} — low</source>
            <translation>{n} — low</translation>
        </message>
        <message>
            <source>{carrier} at {shop}: {n} numbers left</source>
            <translation>{carrier} at {shop}: {n} numbers left</translation>
        </message>
        <message numerus="yes">
            <source>{component}: connected, %n printer(s)</source>
            <translation>
                <numerusform>{component}: connected, %n printer</numerusform>
                <numerusform>{component}: connected, %n printers</numerusform>
            </translation>
        </message>
        <message>
            <source>{component}: not reachable at {address}</source>
            <translation>{component}: not reachable at {address}</translation>
        </message>
        <message>
            <source>Component's default ({printer})</source>
            <translation>Component's default ({printer})</translation>
        </message>
    </context>
    <context>
        <name>Platforms</name>
        <message>
            <source>Cainiao</source>
            <translation>Cainiao</translation>
        </message>
        <message>
            <source>Pinduoduo</source>
            <translation>Pinduoduo</translation>
        </message>
        <message>
            <source>Douyin</source>
            <translation>Douyin</translation>
        </message>
        <message>
            <source>JD</source>
            <translation>JD</translation>
        </message>
        <message>
            <source>Cainiao print component</source>
            <translation>Cainiao print component</translation>
        </message>
        <message>
            <source>Pinduoduo print component</source>
            <translation>Pinduoduo print component</translation>
        </message>
        <message>
            <source>Douyin e-waybill print component</source>
            <translation>Douyin e-waybill print component</translation>
        </message>
        <message>
            <source>JD print component</source>
            <translation>JD print component</translation>
        </message>
        <message>
            <source>The {component} is not running or cannot be reached: start it on the print PC, then press Retry. Nothing was marked printed.</source>
            <translation>The {component} is not running or cannot be reached: start it on the print PC, then press Retry. Nothing was marked printed.</translation>
        </message>
        <message>
            <source>The {component} has no printer called {printer}: choose one of its printers. Nothing was marked printed.</source>
            <translation>The {component} has no printer called {printer}: choose one of its printers. Nothing was marked printed.</translation>
        </message>
        <message>
            <source>The {component} refused the task: {detail}. Nothing was marked printed.</source>
            <translation>The {component} refused the task: {detail}. Nothing was marked printed.</translation>
        </message>
        <message>
            <source>The {component} did not answer: check it on the print PC, then press Retry.</source>
            <translation>The {component} did not answer: check it on the print PC, then press Retry.</translation>
        </message>
        <message>
            <source>No print component is known for {component}.</source>
            <translation>No print component is known for {component}.</translation>
        </message>
        <message>
            <source>{platform} gave order {order} no number: {code} {message}</source>
            <translation>{platform} gave order {order} no number: {code} {message}</translation>
        </message>
        <message>
            <source>Order {order} has a platform e-waybill: it prints at the platform's print component.</source>
            <translation>Order {order} has a platform e-waybill: it prints at the platform's print component.</translation>
        </message>
        <message>
            <source>Order {order}: its shop's e-waybill account cannot be used ({code}).</source>
            <translation>Order {order}: its shop's e-waybill account cannot be used ({code}).</translation>
        </message>
        <message>
            <source>Order {order}: {reason}</source>
            <translation>Order {order}: {reason}</translation>
        </message>
    </context>
    <context>
        <name>PrintStation</name>
        <message>
            <source>Paper jammed</source>
            <translation>Paper jammed</translation>
        </message>
        <message>
            <source>Smudged</source>
            <translation>Smudged</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>Lost</translation>
        </message>
        <message>
            <source>Address changed</source>
            <translation>Address changed</translation>
        </message>
        <message>
            <source>Other</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>Buyer asked for this carrier</source>
            <translation>Buyer asked for this carrier</translation>
        </message>
        <message>
            <source>Faster delivery needed</source>
            <translation>Faster delivery needed</translation>
        </message>
        <message>
            <source>Bulky or heavy parcel</source>
            <translation>Bulky or heavy parcel</translation>
        </message>
        <message>
            <source>Fragile goods</source>
            <translation>Fragile goods</translation>
        </message>
        <message>
            <source>Check the batch, then press Print (Enter / F5)</source>
            <translation>Check the batch, then press Print (Enter / F5)</translation>
        </message>
        <message>
            <source>Scan a waybill to reprint it, or press Enter to print</source>
            <translation>Scan a waybill to reprint it, or press Enter to print</translation>
        </message>
        <message>
            <source>Carriers (click to filter)</source>
            <translation>Carriers (click to filter)</translation>
        </message>
        <message>
            <source>Products (click to filter)</source>
            <translation>Products (click to filter)</translation>
        </message>
        <message>
            <source>All carriers</source>
            <translation>All carriers</translation>
        </message>
        <message>
            <source>All products</source>
            <translation>All products</translation>
        </message>
        <message>
            <source>All shops</source>
            <translation>All shops</translation>
        </message>
        <message>
            <source>Batch of </source>
            <translation>Batch of </translation>
        </message>
        <message>
            <source>Label {format} mm</source>
            <translation>Label {format} mm</translation>
        </message>
        <message>
            <source>Order no.</source>
            <translation>Order no.</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>Carrier</translation>
        </message>
        <message>
            <source>Receiver</source>
            <translation>Receiver</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>Destination</translation>
        </message>
        <message>
            <source>Items</source>
            <translation>Items</translation>
        </message>
        <message>
            <source>Products</source>
            <translation>Products</translation>
        </message>
        <message>
            <source>Same day</source>
            <translation>Same day</translation>
        </message>
        <message>
            <source>Preview selected</source>
            <translation>Preview selected</translation>
        </message>
        <message>
            <source>Change carrier…</source>
            <translation>Change carrier…</translation>
        </message>
        <message>
            <source>Next batch</source>
            <translation>Next batch</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>Waybill no.</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>Reprint reason</source>
            <translation>Reprint reason</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>Reprint selected…</source>
            <translation>Reprint selected…</translation>
        </message>
        <message>
            <source>Retry selected</source>
            <translation>Retry selected</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>Print jobs</source>
            <translation>Print jobs</translation>
        </message>
        <message numerus="yes">
            <source>Waiting: %n order(s)</source>
            <translation>
                <numerusform>Waiting: %n order</numerusform>
                <numerusform>Waiting: %n orders</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Same day: %n</source>
            <translation>
                <numerusform>Same day: %n</numerusform>
                <numerusform>Same day: %n</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Retry failed prints (%n)</source>
            <translation>
                <numerusform>Retry failed prints (%n)</numerusform>
                <numerusform>Retry failed prints (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>cut-off {time} passed</source>
            <translation>cut-off {time} passed</translation>
        </message>
        <message>
            <source>before cut-off {time} (in {h} h {m:02d} min)</source>
            <translation>before cut-off {time} (in {h} h {m:02d} min)</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Yes</translation>
        </message>
        <message>
            <source>none</source>
            <translation>none</translation>
        </message>
        <message>
            <source>Reprinted</source>
            <translation>Reprinted</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>FAILED — retry</source>
            <translation>FAILED — retry</translation>
        </message>
        <message>
            <source>FAILED</source>
            <translation>FAILED</translation>
        </message>
        <message>
            <source>Printing…</source>
            <translation>Printing…</translation>
        </message>
        <message numerus="yes">
            <source>Print %n waybill(s)</source>
            <translation>
                <numerusform>Print %n waybill</numerusform>
                <numerusform>Print %n waybills</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing to print</source>
            <translation>Nothing to print</translation>
        </message>
        <message numerus="yes">
            <source>Drawing waybill %n…</source>
            <translation>
                <numerusform>Drawing waybill %n…</numerusform>
                <numerusform>Drawing waybill %n…</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing was printed: no order is waiting.</source>
            <translation>Nothing was printed: no order is waiting.</translation>
        </message>
        <message numerus="yes">
            <source>Batch {batch}: %n waybill(s) printed.</source>
            <translation>
                <numerusform>Batch {batch}: %n waybill printed.</numerusform>
                <numerusform>Batch {batch}: %n waybills printed.</numerusform>
            </translation>
        </message>
        <message>
            <source>Slips failed: {message}</source>
            <translation>Slips failed: {message}</translation>
        </message>
        <message numerus="yes">
            <source>%n label(s) failed at the print component (waybill {waybill}: {message}). They keep their numbers: press Retry failed prints.</source>
            <translation>
                <numerusform>%n label failed at the print component (waybill {waybill}: {message}). They keep their numbers: press Retry failed prints.</numerusform>
                <numerusform>%n labels failed at the print component (waybill {waybill}: {message}). They keep their numbers: press Retry failed prints.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Printer failed: {message}. The %n waybill number(s) stay with their orders: press Retry.</source>
            <translation>
                <numerusform>Printer failed: {message}. The %n waybill number stay with their orders: press Retry.</numerusform>
                <numerusform>Printer failed: {message}. The %n waybill numbers stay with their orders: press Retry.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) could not be given a waybill.</source>
            <translation>
                <numerusform>%n order could not be given a waybill.</numerusform>
                <numerusform>%n orders could not be given a waybill.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(and %n more)</source>
            <translation>
                <numerusform>(and %n more)</numerusform>
                <numerusform>(and %n more)</numerusform>
            </translation>
        </message>
        <message>
            <source>Select a failed print to retry.</source>
            <translation>Select a failed print to retry.</translation>
        </message>
        <message>
            <source>Scan or select a waybill to reprint.</source>
            <translation>Scan or select a waybill to reprint.</translation>
        </message>
        <message>
            <source>Reprinting {waybill}…</source>
            <translation>Reprinting {waybill}…</translation>
        </message>
        <message>
            <source>Reprint waybill</source>
            <translation>Reprint waybill</translation>
        </message>
        <message>
            <source>Order {order_no} ({status}): the parcel with waybill {waybill} is already with the courier.</source>
            <translation>Order {order_no} ({status}): the parcel with waybill {waybill} is already with the courier.</translation>
        </message>
        <message>
            <source>A second label for it can ship a duplicate parcel. Reprint only if the courier asked for a new label. The reprint is recorded as done after handover.</source>
            <translation>A second label for it can ship a duplicate parcel. Reprint only if the courier asked for a new label. The reprint is recorded as done after handover.</translation>
        </message>
        <message>
            <source>Reprint anyway</source>
            <translation>Reprint anyway</translation>
        </message>
        <message>
            <source>Do not reprint</source>
            <translation>Do not reprint</translation>
        </message>
        <message>
            <source>Not reprinted: {waybill}</source>
            <translation>Not reprinted: {waybill}</translation>
        </message>
        <message>
            <source>Waybill {waybill} reprinted ({reason}).</source>
            <translation>Waybill {waybill} reprinted ({reason}).</translation>
        </message>
        <message>
            <source>Reprint of {waybill} failed: {message}</source>
            <translation>Reprint of {waybill} failed: {message}</translation>
        </message>
        <message>
            <source>Select an order in the batch first.</source>
            <translation>Select an order in the batch first.</translation>
        </message>
        <message>
            <source>Order {order} now ships with {carrier}.</source>
            <translation>Order {order} now ships with {carrier}.</translation>
        </message>
        <message>
            <source>Select a print job to preview.</source>
            <translation>Select a print job to preview.</translation>
        </message>
        <message>
            <source>Waybill {what}</source>
            <translation>Waybill {what}</translation>
        </message>
    </context>
    <context>
        <name>Printers</name>
        <message>
            <source>PDF printer: files go to {folder}</source>
            <translation>PDF printer: files go to {folder}</translation>
        </message>
        <message>
            <source>No printer set: documents are written as PDF to {folder}</source>
            <translation>No printer set: documents are written as PDF to {folder}</translation>
        </message>
        <message>
            <source>Printer: {name}</source>
            <translation>Printer: {name}</translation>
        </message>
        <message>
            <source>The printer setting {name} is not usable: documents are written as PDF to {folder}</source>
            <translation>The printer setting {name} is not usable: documents are written as PDF to {folder}</translation>
        </message>
    </context>
    <context>
        <name>ProductsTab</name>
        <message>
            <source>Search SKU, name, barcode or bin</source>
            <translation>Search SKU, name, barcode or bin</translation>
        </message>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Barcodes</source>
            <translation>Barcodes</translation>
        </message>
        <message>
            <source>Unit weight (g)</source>
            <translation>Unit weight (g)</translation>
        </message>
        <message>
            <source>Bin</source>
            <translation>Bin</translation>
        </message>
        <message>
            <source>Serial no.</source>
            <translation>Serial no.</translation>
        </message>
        <message>
            <source>Fragile</source>
            <translation>Fragile</translation>
        </message>
        <message>
            <source>several: separate with spaces or commas</source>
            <translation>several: separate with spaces or commas</translation>
        </message>
        <message>
            <source>Serial numbers are scanned</source>
            <translation>Serial numbers are scanned</translation>
        </message>
        <message>
            <source>New product</source>
            <translation>New product</translation>
        </message>
        <message>
            <source>Save product</source>
            <translation>Save product</translation>
        </message>
        <message>
            <source>Unit weight</source>
            <translation>Unit weight</translation>
        </message>
        <message>
            <source>Bin location</source>
            <translation>Bin location</translation>
        </message>
        <message>
            <source>Product {sku} saved.</source>
            <translation>Product {sku} saved.</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Look in:</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>Files of &amp;type:</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>&amp;OK</source>
            <translation>&amp;OK</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>&amp;Cancel</source>
            <translation>&amp;Cancel</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Reprint waybill</source>
            <translation>Reprint waybill</translation>
        </message>
        <message>
            <source>Reprint waybill {waybill}: why?</source>
            <translation>Reprint waybill {waybill}: why?</translation>
        </message>
        <message>
            <source>Other: say what happened</source>
            <translation>Other: say what happened</translation>
        </message>
        <message>
            <source>Reprint</source>
            <translation>Reprint</translation>
        </message>
    </context>
    <context>
        <name>Role</name>
        <message>
            <source>Print operator</source>
            <translation>Print operator</translation>
        </message>
        <message>
            <source>Picker</source>
            <translation>Picker</translation>
        </message>
        <message>
            <source>Verifier</source>
            <translation>Verifier</translation>
        </message>
        <message>
            <source>Packer</source>
            <translation>Packer</translation>
        </message>
        <message>
            <source>Weighing clerk</source>
            <translation>Weighing clerk</translation>
        </message>
        <message>
            <source>After-sales clerk</source>
            <translation>After-sales clerk</translation>
        </message>
        <message>
            <source>Supervisor</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <source>Administrator</source>
            <translation>Administrator</translation>
        </message>
    </context>
    <context>
        <name>Scan</name>
        <message>
            <source>No order or pick list has the code {key}.</source>
            <translation>No order or pick list has the code {key}.</translation>
        </message>
        <message>
            <source>Order {order_no} is cancelled: stop the parcel.</source>
            <translation>Order {order_no} is cancelled: stop the parcel.</translation>
        </message>
        <message>
            <source>Order {order_no} has already been verified.</source>
            <translation>Order {order_no} has already been verified.</translation>
        </message>
        <message>
            <source>Order {order_no} has already been picked.</source>
            <translation>Order {order_no} has already been picked.</translation>
        </message>
        <message>
            <source>Order {order_no} has already been packed.</source>
            <translation>Order {order_no} has already been packed.</translation>
        </message>
        <message>
            <source>Order {order_no} is being handled at station {station}.</source>
            <translation>Order {order_no} is being handled at station {station}.</translation>
        </message>
        <message>
            <source>Order {order_no} is not ready for this step.</source>
            <translation>Order {order_no} is not ready for this step.</translation>
        </message>
        <message>
            <source>There is no counted scan to undo.</source>
            <translation>There is no counted scan to undo.</translation>
        </message>
        <message>
            <source>Order {order_no} is not on hold.</source>
            <translation>Order {order_no} is not on hold.</translation>
        </message>
        <message>
            <source>{carton} is not a known carton.</source>
            <translation>{carton} is not a known carton.</translation>
        </message>
        <message>
            <source>Unknown hold reason.</source>
            <translation>Unknown hold reason.</translation>
        </message>
        <message>
            <source>Stopped: intercepted</source>
            <translation>Stopped: intercepted</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>Picked</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>Packed</translation>
        </message>
        <message>
            <source>Scan undone by a supervisor</source>
            <translation>Scan undone by a supervisor</translation>
        </message>
        <message>
            <source>Hold released</source>
            <translation>Hold released</translation>
        </message>
        <message>
            <source>Cancelled from hold</source>
            <translation>Cancelled from hold</translation>
        </message>
        <message>
            <source>Verification incomplete</source>
            <translation>Verification incomplete</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Line complete</source>
            <translation>Line complete</translation>
        </message>
        <message>
            <source>Order complete</source>
            <translation>Order complete</translation>
        </message>
        <message>
            <source>WRONG ITEM — not in this order</source>
            <translation>WRONG ITEM — not in this order</translation>
        </message>
        <message>
            <source>ONE TOO MANY — this line is complete</source>
            <translation>ONE TOO MANY — this line is complete</translation>
        </message>
        <message>
            <source>Misread barcode — scan again</source>
            <translation>Misread barcode — scan again</translation>
        </message>
        <message>
            <source>Unknown code</source>
            <translation>Unknown code</translation>
        </message>
        <message>
            <source>Scan the serial number</source>
            <translation>Scan the serial number</translation>
        </message>
        <message>
            <source>Serial number already shipped in another parcel</source>
            <translation>Serial number already shipped in another parcel</translation>
        </message>
        <message>
            <source>Serial number already scanned in this parcel — scan the next unit's</source>
            <translation>Serial number already scanned in this parcel — scan the next unit's</translation>
        </message>
        <message>
            <source>Another order's waybill</source>
            <translation>Another order's waybill</translation>
        </message>
        <message>
            <source>Line confirmed</source>
            <translation>Line confirmed</translation>
        </message>
        <message>
            <source>Shortage recorded</source>
            <translation>Shortage recorded</translation>
        </message>
        <message>
            <source>Scan undone</source>
            <translation>Scan undone</translation>
        </message>
        <message>
            <source>Server back: these parcels handled offline are HELD, pull them: {codes}</source>
            <translation>Server back: these parcels handled offline are HELD, pull them: {codes}</translation>
        </message>
        <message>
            <source>Server back: the scans kept offline are recorded and correct.</source>
            <translation>Server back: the scans kept offline are recorded and correct.</translation>
        </message>
        <message>
            <source>Order {order_no} is on hold ({reason}): it waits for a supervisor.</source>
            <translation>Order {order_no} is on hold ({reason}): it waits for a supervisor.</translation>
        </message>
    </context>
    <context>
        <name>ScanStation</name>
        <message>
            <source>Scan here (or type and press Enter)</source>
            <translation>Scan here (or type and press Enter)</translation>
        </message>
        <message>
            <source>Last scans</source>
            <translation>Last scans</translation>
        </message>
        <message>
            <source>{code} — refused: choose first</source>
            <extracomment>the step a scanned waybill opens its order for (``open_order``'s ``step``) the history mark of a parcel refused as intercepted</extracomment>
            <translation>{code} — refused: choose first</translation>
        </message>
        <message>
            <source>{code} refused: first choose one of the numbers shown.</source>
            <translation>{code} refused: first choose one of the numbers shown.</translation>
        </message>
        <message>
            <source>Order {order_no} · waybill {waybill}</source>
            <translation>Order {order_no} · waybill {waybill}</translation>
        </message>
        <message>
            <source>Reason: {reason}</source>
            <translation>Reason: {reason}</translation>
        </message>
        <message>
            <source>INTERCEPTED: return to stock</source>
            <translation>INTERCEPTED: return to stock</translation>
        </message>
    </context>
    <context>
        <name>SettingsTab</name>
        <message>
            <source>Parcels must be packed (confirmed) before weighing</source>
            <translation>Parcels must be packed (confirmed) before weighing</translation>
        </message>
        <message>
            <source>Our own labels print the receiver's phone masked</source>
            <translation>Our own labels print the receiver's phone masked</translation>
        </message>
        <message>
            <source>PINs must have 6 digits</source>
            <translation>PINs must have 6 digits</translation>
        </message>
        <message>
            <source>Save settings</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <source>Stubs per bundle</source>
            <translation>Stubs per bundle</translation>
        </message>
        <message>
            <source>Floor time zone</source>
            <translation>Floor time zone</translation>
        </message>
        <message>
            <source>Every screen, document, report and the same-day cut-off use this zone; documents print it next to their times.</source>
            <translation>Every screen, document, report and the same-day cut-off use this zone; documents print it next to their times.</translation>
        </message>
        <message>
            <source>Off: the phone prints whole, so the courier can call the receiver. The stub and every screen show the receiver masked either way; a platform's e-waybill is printed by its own print component.</source>
            <translation>Off: the phone prints whole, so the courier can call the receiver. The stub and every screen show the receiver masked either way; a platform's e-waybill is printed by its own print component.</translation>
        </message>
        <message>
            <source>On: a supervisor or admin with a 4-digit PIN cannot sign in until you set them a new 6-digit PIN (Operators tab). Give yourself a 6-digit PIN first.</source>
            <translation>On: a supervisor or admin with a 4-digit PIN cannot sign in until you set them a new 6-digit PIN (Operators tab). Give yourself a 6-digit PIN first.</translation>
        </message>
        <message>
            <source>Weight tolerances are set per shop (Shops tab).</source>
            <translation>Weight tolerances are set per shop (Shops tab).</translation>
        </message>
        <message>
            <source>Floor settings saved.</source>
            <translation>Floor settings saved.</translation>
        </message>
        <message>
            <source>Your PIN to save the floor settings.</source>
            <translation>Your PIN to save the floor settings.</translation>
        </message>
    </context>
    <context>
        <name>Shipment</name>
        <message>
            <source>Taobao / Tmall</source>
            <translation>Taobao / Tmall</translation>
        </message>
        <message>
            <source>JD</source>
            <translation>JD</translation>
        </message>
        <message>
            <source>Pinduoduo</source>
            <translation>Pinduoduo</translation>
        </message>
    </context>
    <context>
        <name>ShipmentExportPanel</name>
        <message>
            <source>Confirm shipments on the platform</source>
            <translation>Confirm shipments on the platform</translation>
        </message>
        <message>
            <source>Export…</source>
            <translation>Export…</translation>
        </message>
        <message>
            <source>Re-export today's…</source>
            <translation>Re-export today's…</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>{platform}: {n}</source>
            <translation>{platform}: {n}</translation>
        </message>
        <message>
            <source>Weighed, not yet confirmed to the platform — {list}</source>
            <translation>Weighed, not yet confirmed to the platform — {list}</translation>
        </message>
        <message>
            <source>Cut-off {time} has passed.</source>
            <translation>Cut-off {time} has passed.</translation>
        </message>
        <message>
            <source>Cut-off {time}: {h} h {m} min left.</source>
            <translation>Cut-off {time}: {h} h {m} min left.</translation>
        </message>
        <message>
            <source>Save the bulk-ship file</source>
            <translation>Save the bulk-ship file</translation>
        </message>
        <message>
            <source>CSV files (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Exporting…</translation>
        </message>
        <message>
            <source>Nothing new to confirm for {platform}.</source>
            <translation>Nothing new to confirm for {platform}.</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) written to {file}</source>
            <translation>
                <numerusform>%n order written to {file}</numerusform>
                <numerusform>%n orders written to {file}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ShopsTab</name>
        <message>
            <source>Shop</source>
            <translation>Shop</translation>
        </message>
        <message>
            <source>Platform</source>
            <translation>Platform</translation>
        </message>
        <message>
            <source>Primary carrier</source>
            <translation>Primary carrier</translation>
        </message>
        <message>
            <source>Secondary carrier</source>
            <translation>Secondary carrier</translation>
        </message>
        <message>
            <source>Tolerance (g)</source>
            <translation>Tolerance (g)</translation>
        </message>
        <message>
            <source>Tolerance (‰)</source>
            <translation>Tolerance (‰)</translation>
        </message>
        <message>
            <source>Save shop</source>
            <translation>Save shop</translation>
        </message>
        <message>
            <source>Weight tolerance at least</source>
            <translation>Weight tolerance at least</translation>
        </message>
        <message>
            <source>or of the expected weight</source>
            <translation>or of the expected weight</translation>
        </message>
        <message>
            <source>Orders go to the primary carrier; to the secondary one where the primary does not serve the area (see Carriers).</source>
            <translation>Orders go to the primary carrier; to the secondary one where the primary does not serve the area (see Carriers).</translation>
        </message>
        <message>
            <source>(none)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>Shop {shop} saved.</source>
            <translation>Shop {shop} saved.</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Scan your badge</source>
            <translation>Scan your badge</translation>
        </message>
        <message>
            <source>Badge or staff number</source>
            <translation>Badge or staff number</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN</translation>
        </message>
        <message>
            <source>{name}: enter your PIN.</source>
            <translation>{name}: enter your PIN.</translation>
        </message>
        <message>
            <source>Try again in {seconds} s.</source>
            <translation>Try again in {seconds} s.</translation>
        </message>
    </context>
    <context>
        <name>Startup</name>
        <message>
            <source>Database</source>
            <translation>Database</translation>
        </message>
        <message>
            <source>The database cannot be opened: {detail}</source>
            <translation>The database cannot be opened: {detail}</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Demo: badges OP1001 (supervisor, PIN 0000) to OP1008; staff numbers work too.</source>
            <translation>Demo: badges OP1001 (supervisor, PIN 0000) to OP1008; staff numbers work too.</translation>
        </message>
    </context>
    <context>
        <name>StationChooser</name>
        <message>
            <source>Choose a station</source>
            <extracomment>after a station opens, when to freeze what it holds (app.heap): after the first paint</extracomment>
            <translation>Choose a station</translation>
        </message>
    </context>
    <context>
        <name>Stations</name>
        <message>
            <source>Order browser</source>
            <translation>Order browser</translation>
        </message>
        <message>
            <source>Devices</source>
            <translation>Devices</translation>
        </message>
        <message>
            <source>Dispute desk</source>
            <translation>Dispute desk</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>Handover</translation>
        </message>
        <message>
            <source>Packing</source>
            <translation>Packing</translation>
        </message>
        <message>
            <source>Picking</source>
            <translation>Picking</translation>
        </message>
        <message>
            <source>Print station</source>
            <translation>Print station</translation>
        </message>
        <message>
            <source>Held orders</source>
            <translation>Held orders</translation>
        </message>
        <message>
            <source>Verification</source>
            <translation>Verification</translation>
        </message>
        <message>
            <source>Daily dashboard</source>
            <translation>Daily dashboard</translation>
        </message>
        <message>
            <source>Administration</source>
            <translation>Administration</translation>
        </message>
        <message>
            <source>Learned weights</source>
            <extracomment>A learned weight this far (per cent) from the one in use is flagged.</extracomment>
            <translation>Learned weights</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <source>Unpaid</source>
            <translation>Unpaid</translation>
        </message>
        <message>
            <source>Paid, to print</source>
            <translation>Paid, to print</translation>
        </message>
        <message>
            <source>Printed</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>Picked</source>
            <translation>Picked</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>Verified</translation>
        </message>
        <message>
            <source>Packed</source>
            <translation>Packed</translation>
        </message>
        <message>
            <source>Weighed</source>
            <translation>Weighed</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>Handed over</translation>
        </message>
        <message>
            <source>Shipped</source>
            <translation>Shipped</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Held</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Cancelled</translation>
        </message>
    </context>
    <context>
        <name>StopOverlay</name>
        <message>
            <source>Put the parcel in the interception bin, then press Enter.</source>
            <translation>Put the parcel in the interception bin, then press Enter.</translation>
        </message>
    </context>
    <context>
        <name>SupervisorStation</name>
        <message>
            <source>Order no.</source>
            <translation>Order no.</translation>
        </message>
        <message>
            <source>Waybill no.</source>
            <translation>Waybill no.</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Held at</source>
            <translation>Held at</translation>
        </message>
        <message>
            <source>Station / operator</source>
            <translation>Station / operator</translation>
        </message>
        <message>
            <source>Back to</source>
            <translation>Back to</translation>
        </message>
        <message>
            <source>1 Release</source>
            <translation>1 Release</translation>
        </message>
        <message>
            <source>2 Cancel order</source>
            <translation>2 Cancel order</translation>
        </message>
        <message>
            <source>Verification: recount, repack, weigh again</source>
            <translation>Verification: recount, repack, weigh again</translation>
        </message>
        <message>
            <source>Order {order_no}: {reason}. 1 release ({to}), 2 cancel the order.</source>
            <translation>Order {order_no}: {reason}. 1 release ({to}), 2 cancel the order.</translation>
        </message>
        <message>
            <source>Reason for releasing:</source>
            <translation>Reason for releasing:</translation>
        </message>
        <message>
            <source>Type why order {order_no} may go on, then Enter</source>
            <translation>Type why order {order_no} may go on, then Enter</translation>
        </message>
        <message>
            <source>Release order {order_no}: it goes to {to}.</source>
            <translation>Release order {order_no}: it goes to {to}.</translation>
        </message>
        <message>
            <source>Reason for cancelling:</source>
            <translation>Reason for cancelling:</translation>
        </message>
        <message>
            <source>Type why order {order_no} is cancelled, then Enter</source>
            <translation>Type why order {order_no} is cancelled, then Enter</translation>
        </message>
        <message>
            <source>Cancel order {order_no}: every station will stop it.</source>
            <translation>Cancel order {order_no}: every station will stop it.</translation>
        </message>
        <message>
            <source>A reason is required.</source>
            <translation>A reason is required.</translation>
        </message>
        <message>
            <source>{name}: type your PIN and press Enter</source>
            <translation>{name}: type your PIN and press Enter</translation>
        </message>
        <message>
            <source>Nothing decided.</source>
            <translation>Nothing decided.</translation>
        </message>
        <message>
            <source>Order {order_no} released: take the parcel to verification. It is counted again from zero, repacked and weighed again.</source>
            <translation>Order {order_no} released: take the parcel to verification. It is counted again from zero, repacked and weighed again.</translation>
        </message>
        <message>
            <source>Order {order_no} released: it goes on as {status}.</source>
            <translation>Order {order_no} released: it goes on as {status}.</translation>
        </message>
        <message>
            <source>Scan a held order, then 1 release or 2 cancel</source>
            <translation>Scan a held order, then 1 release or 2 cancel</translation>
        </message>
        <message>
            <source>Why: typed here, then Enter</source>
            <translation>Why: typed here, then Enter</translation>
        </message>
        <message>
            <source>Reason:</source>
            <translation>Reason:</translation>
        </message>
        <message numerus="yes">
            <source>%n order(s) on hold</source>
            <translation>
                <numerusform>%n order on hold</numerusform>
                <numerusform>%n orders on hold</numerusform>
            </translation>
        </message>
        <message>
            <source>No holds</source>
            <translation>No holds</translation>
        </message>
        <message>
            <source>{code} is not in the queue.</source>
            <translation>{code} is not in the queue.</translation>
        </message>
        <message>
            <source>Scan or select a held order first.</source>
            <translation>Scan or select a held order first.</translation>
        </message>
        <message>
            <source>Order {order_no} cancelled: return the goods to stock</source>
            <translation>Order {order_no} cancelled: return the goods to stock</translation>
        </message>
    </context>
    <context>
        <name>Timeline</name>
        <message>
            <source>Print</source>
            <extracomment>scan verdicts that refused the scan (nothing counted), besides the matcher's own</extracomment>
            <translation>Print</translation>
        </message>
        <message>
            <source>Pick</source>
            <translation>Pick</translation>
        </message>
        <message>
            <source>Verify</source>
            <translation>Verify</translation>
        </message>
        <message>
            <source>Pack</source>
            <translation>Pack</translation>
        </message>
        <message>
            <source>Weigh</source>
            <translation>Weigh</translation>
        </message>
        <message>
            <source>Handover</source>
            <translation>Handover</translation>
        </message>
        <message>
            <source>Hold</source>
            <translation>Hold</translation>
        </message>
        <message>
            <source>counted</source>
            <translation>counted</translation>
        </message>
        <message>
            <source>counted, line complete</source>
            <translation>counted, line complete</translation>
        </message>
        <message>
            <source>counted, order complete</source>
            <translation>counted, order complete</translation>
        </message>
        <message>
            <source>wrong item</source>
            <translation>wrong item</translation>
        </message>
        <message>
            <source>one too many</source>
            <translation>one too many</translation>
        </message>
        <message>
            <source>misread barcode</source>
            <translation>misread barcode</translation>
        </message>
        <message>
            <source>unknown code</source>
            <translation>unknown code</translation>
        </message>
        <message>
            <source>serial number needed</source>
            <translation>serial number needed</translation>
        </message>
        <message>
            <source>serial number already shipped</source>
            <translation>serial number already shipped</translation>
        </message>
        <message>
            <source>serial number already scanned in this parcel</source>
            <translation>serial number already scanned in this parcel</translation>
        </message>
        <message>
            <source>refused: a decision was awaited first</source>
            <translation>refused: a decision was awaited first</translation>
        </message>
        <message>
            <source>another order's waybill</source>
            <translation>another order's waybill</translation>
        </message>
        <message>
            <source>order opened</source>
            <translation>order opened</translation>
        </message>
        <message>
            <source>not found</source>
            <translation>not found</translation>
        </message>
        <message>
            <source>being handled at another station</source>
            <translation>being handled at another station</translation>
        </message>
        <message>
            <source>undone</source>
            <translation>undone</translation>
        </message>
        <message>
            <source>line confirmed</source>
            <translation>line confirmed</translation>
        </message>
        <message>
            <source>shortage recorded</source>
            <translation>shortage recorded</translation>
        </message>
        <message>
            <source>packed</source>
            <translation>packed</translation>
        </message>
        <message>
            <source>unknown carton</source>
            <translation>unknown carton</translation>
        </message>
        <message>
            <source>intercepted</source>
            <translation>intercepted</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>accepted</translation>
        </message>
        <message>
            <source>held</source>
            <translation>held</translation>
        </message>
        <message>
            <source>released by a supervisor</source>
            <translation>released by a supervisor</translation>
        </message>
        <message>
            <source>too light</source>
            <translation>too light</translation>
        </message>
        <message>
            <source>too heavy</source>
            <translation>too heavy</translation>
        </message>
        <message>
            <source>not verified yet</source>
            <translation>not verified yet</translation>
        </message>
        <message>
            <source>on hold</source>
            <translation>on hold</translation>
        </message>
        <message>
            <source>batch weighing</source>
            <translation>batch weighing</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} g</translation>
        </message>
        <message>
            <source>scan {code}</source>
            <translation>scan {code}</translation>
        </message>
        <message>
            <source>within tolerance</source>
            <translation>within tolerance</translation>
        </message>
        <message>
            <source>{verdict} (refused)</source>
            <translation>{verdict} (refused)</translation>
        </message>
        <message>
            <source>serial number {serial}</source>
            <translation>serial number {serial}</translation>
        </message>
        <message>
            <source>waybill {waybill}</source>
            <translation>waybill {waybill}</translation>
        </message>
        <message>
            <source>expected {grams}</source>
            <translation>expected {grams}</translation>
        </message>
        <message>
            <source>difference {diff}</source>
            <translation>difference {diff}</translation>
        </message>
        <message>
            <source>status: {status}</source>
            <translation>status: {status}</translation>
        </message>
        <message>
            <source>before: {status}</source>
            <translation>before: {status}</translation>
        </message>
        <message>
            <source>after handover, confirmed</source>
            <translation>after handover, confirmed</translation>
        </message>
        <message>
            <source>waybill</source>
            <translation>waybill</translation>
        </message>
        <message>
            <source>outbound slip</source>
            <translation>outbound slip</translation>
        </message>
        <message>
            <source>pick list</source>
            <translation>pick list</translation>
        </message>
        <message>
            <source>batch {batch}</source>
            <translation>batch {batch}</translation>
        </message>
        <message>
            <source>printer {printer}</source>
            <translation>printer {printer}</translation>
        </message>
        <message>
            <source>carrier {carrier}</source>
            <translation>carrier {carrier}</translation>
        </message>
        <message>
            <source>courier {courier}</source>
            <translation>courier {courier}</translation>
        </message>
        <message>
            <source>handover list {no}</source>
            <translation>handover list {no}</translation>
        </message>
        <message>
            <source>parcels: {n}</source>
            <translation>parcels: {n}</translation>
        </message>
        <message>
            <source>units: {n}</source>
            <translation>units: {n}</translation>
        </message>
        <message>
            <source>orders: {n}</source>
            <translation>orders: {n}</translation>
        </message>
        <message>
            <source>{grams} in all</source>
            <translation>{grams} in all</translation>
        </message>
    </context>
    <context>
        <name>Verify</name>
        <message>
            <source>RECOUNT — order {order_no} came back from the scale ({why}), released by {supervisor}: “{note}”. Open the parcel and scan every item again, then repack and weigh again.</source>
            <translation>RECOUNT — order {order_no} came back from the scale ({why}), released by {supervisor}: “{note}”. Open the parcel and scan every item again, then repack and weigh again.</translation>
        </message>
    </context>
    <context>
        <name>VerifyStation</name>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>Qty</source>
            <translation>Qty</translation>
        </message>
        <message>
            <source>Scanned</source>
            <translation>Scanned</translation>
        </message>
        <message>
            <source>Exception / hold (F8)</source>
            <translation>Exception / hold (F8)</translation>
        </message>
        <message>
            <source>Undo last scan (F9)</source>
            <translation>Undo last scan (F9)</translation>
        </message>
        <message>
            <source>Scan the waybill</source>
            <translation>Scan the waybill</translation>
        </message>
        <message>
            <source>Ready for the next waybill.</source>
            <translation>Ready for the next waybill.</translation>
        </message>
        <message>
            <source>Order {order_no} · waybill {waybill} · {carrier} · {receiver} {place}</source>
            <translation>Order {order_no} · waybill {waybill} · {carrier} · {receiver} {place}</translation>
        </message>
        <message>
            <source>{done} of {total} items scanned</source>
            <translation>{done} of {total} items scanned</translation>
        </message>
        <message>
            <source>Scan the items</source>
            <translation>Scan the items</translation>
        </message>
        <message>
            <source>Order {order_no} opened</source>
            <translation>Order {order_no} opened</translation>
        </message>
        <message>
            <source>Misread: scan the item again</source>
            <translation>Misread: scan the item again</translation>
        </message>
        <message>
            <source>OFFLINE: scan the items, then the next waybill</source>
            <translation>OFFLINE: scan the items, then the next waybill</translation>
        </message>
        <message>
            <source>Server unreachable. Waybill {waybill}: {n} item scan(s) kept at this station ({kept} waiting); they are checked when the server is back.</source>
            <translation>Server unreachable. Waybill {waybill}: {n} item scan(s) kept at this station ({kept} waiting); they are checked when the server is back.</translation>
        </message>
        <message>
            <source>Scan the serial number of {name}</source>
            <translation>Scan the serial number of {name}</translation>
        </message>
        <message>
            <source>Order {order_no} is still open: {done} of {total} items scanned.</source>
            <translation>Order {order_no} is still open: {done} of {total} items scanned.</translation>
        </message>
        <message>
            <source>Verified — scan the next waybill</source>
            <translation>Verified — scan the next waybill</translation>
        </message>
        <message>
            <source>Order {order_no} verified</source>
            <translation>Order {order_no} verified</translation>
        </message>
        <message>
            <source>Carton: {carton} — scan it to pack now</source>
            <translation>Carton: {carton} — scan it to pack now</translation>
        </message>
        <message>
            <source>Order {order_no} packed in {carton}</source>
            <translation>Order {order_no} packed in {carton}</translation>
        </message>
        <message>
            <source>Scan the next waybill</source>
            <translation>Scan the next waybill</translation>
        </message>
        <message>
            <source>Order {order_no} is not complete ({done} of {total}).</source>
            <translation>Order {order_no} is not complete ({done} of {total}).</translation>
        </message>
        <message>
            <source>Another waybill ({other}) was scanned. What about the open order?</source>
            <translation>Another waybill ({other}) was scanned. What about the open order?</translation>
        </message>
        <message>
            <source>Hold as incomplete</source>
            <translation>Hold as incomplete</translation>
        </message>
        <message>
            <source>Continue this order</source>
            <translation>Continue this order</translation>
        </message>
        <message>
            <source>Continue scanning the items.</source>
            <translation>Continue scanning the items.</translation>
        </message>
        <message>
            <source>Scan a waybill first.</source>
            <translation>Scan a waybill first.</translation>
        </message>
        <message>
            <source>Why does order {order_no} go on hold?</source>
            <translation>Why does order {order_no} go on hold?</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>Order {order_no} on hold: {reason}. Put the goods on the hold shelf.</source>
            <translation>Order {order_no} on hold: {reason}. Put the goods on the hold shelf.</translation>
        </message>
        <message>
            <source>There is no counted scan to undo.</source>
            <translation>There is no counted scan to undo.</translation>
        </message>
        <message>
            <source>Supervisor: scan your badge to undo the last scan</source>
            <translation>Supervisor: scan your badge to undo the last scan</translation>
        </message>
        <message>
            <source>Undo needs a supervisor (Esc to go back).</source>
            <translation>Undo needs a supervisor (Esc to go back).</translation>
        </message>
        <message>
            <source>Undo abandoned.</source>
            <translation>Undo abandoned.</translation>
        </message>
        <message>
            <source>Supervisor: type your PIN and press Enter</source>
            <translation>Supervisor: type your PIN and press Enter</translation>
        </message>
        <message>
            <source>Scan undone: {sku}</source>
            <translation>Scan undone: {sku}</translation>
        </message>
    </context>
    <context>
        <name>Weigh</name>
        <message>
            <source>No order has the waybill number {key}.</source>
            <translation>No order has the waybill number {key}.</translation>
        </message>
        <message>
            <source>Order {order_no} is cancelled: stop the parcel.</source>
            <translation>Order {order_no} is cancelled: stop the parcel.</translation>
        </message>
        <message>
            <source>Order {order_no} is not verified yet ({status}): back to verification.</source>
            <translation>Order {order_no} is not verified yet ({status}): back to verification.</translation>
        </message>
        <message>
            <source>{waybill} is not identical (goods or carton differ): weigh it on its own.</source>
            <translation>{waybill} is not identical (goods or carton differ): weigh it on its own.</translation>
        </message>
        <message>
            <source>{waybill} is not ready for weighing.</source>
            <translation>{waybill} is not ready for weighing.</translation>
        </message>
        <message>
            <source>{waybill} has no weight hold to override.</source>
            <translation>{waybill} has no weight hold to override.</translation>
        </message>
        <message>
            <source>This hold cannot be overridden at the scale.</source>
            <translation>This hold cannot be overridden at the scale.</translation>
        </message>
        <message>
            <source>There is no open stub bundle at this station.</source>
            <translation>There is no open stub bundle at this station.</translation>
        </message>
        <message>
            <source>Bundle {bundle}: {stubs} stubs given out, {parcels} parcels weighed, {counted} counted. Recount before closing.</source>
            <translation>Bundle {bundle}: {stubs} stubs given out, {parcels} parcels weighed, {counted} counted. Recount before closing.</translation>
        </message>
        <message>
            <source>The stub of {waybill} has not been pulled yet.</source>
            <translation>The stub of {waybill} has not been pulled yet.</translation>
        </message>
        <message>
            <source>{sku} is not a known product.</source>
            <translation>{sku} is not a known product.</translation>
        </message>
        <message>
            <source>{grams} is not a valid weight.</source>
            <translation>{grams} is not a valid weight.</translation>
        </message>
        <message>
            <source>Refused at the scale</source>
            <translation>Refused at the scale</translation>
        </message>
        <message>
            <source>Stub bundle closed</source>
            <translation>Stub bundle closed</translation>
        </message>
        <message>
            <source>Unit weight adopted</source>
            <translation>Unit weight adopted</translation>
        </message>
        <message>
            <source>{qty} × {name} ({grams} g)</source>
            <translation>{qty} × {name} ({grams} g)</translation>
        </message>
        <message>
            <source>Light {diff} g — no unit of this order explains it.</source>
            <translation>Light {diff} g — no unit of this order explains it.</translation>
        </message>
        <message>
            <source>Heavy {diff} g — nothing known explains it.</source>
            <translation>Heavy {diff} g — nothing known explains it.</translation>
        </message>
        <message>
            <source>Light {diff} g ≈ missing {items}</source>
            <translation>Light {diff} g ≈ missing {items}</translation>
        </message>
        <message>
            <source>Heavy {diff} g ≈ extra {items}</source>
            <translation>Heavy {diff} g ≈ extra {items}</translation>
        </message>
        <message>
            <source>Ambiguous — as likely: {alternatives}. Check the parcel.</source>
            <translation>Ambiguous — as likely: {alternatives}. Check the parcel.</translation>
        </message>
        <message>
            <source>Not verified: back to verification</source>
            <translation>Not verified: back to verification</translation>
        </message>
        <message>
            <source>On hold: a supervisor decides first</source>
            <translation>On hold: a supervisor decides first</translation>
        </message>
        <message>
            <source>Cancelled order: stop the parcel</source>
            <translation>Cancelled order: stop the parcel</translation>
        </message>
        <message>
            <source>Too light</source>
            <translation>Too light</translation>
        </message>
        <message>
            <source>Too heavy</source>
            <translation>Too heavy</translation>
        </message>
    </context>
    <context>
        <name>WeighStation</name>
        <message>
            <source>Weighing and stubs</source>
            <translation>Weighing and stubs</translation>
        </message>
        <message>
            <source>Scan the waybill</source>
            <translation>Scan the waybill</translation>
        </message>
        <message>
            <source>Batch: identical parcels, one weighing</source>
            <translation>Batch: identical parcels, one weighing</translation>
        </message>
        <message>
            <source>Supervisor override…</source>
            <translation>Supervisor override…</translation>
        </message>
        <message>
            <source>Close stub bundle…</source>
            <translation>Close stub bundle…</translation>
        </message>
        <message>
            <source>Print the register again</source>
            <translation>Print the register again</translation>
        </message>
        <message>
            <source>Demo: place the parcel</source>
            <translation>Demo: place the parcel</translation>
        </message>
        <message>
            <source>Demo: parcel missing an item</source>
            <translation>Demo: parcel missing an item</translation>
        </message>
        <message>
            <source>Not identical</source>
            <translation>Not identical</translation>
        </message>
        <message>
            <source>Waybill {waybill} (server unreachable)</source>
            <translation>Waybill {waybill} (server unreachable)</translation>
        </message>
        <message>
            <source>Expected weight unknown until the server is back</source>
            <translation>Expected weight unknown until the server is back</translation>
        </message>
        <message>
            <source>OFFLINE</source>
            <translation>OFFLINE</translation>
        </message>
        <message>
            <source>The weight is kept at this station and checked when the server is back.</source>
            <translation>The weight is kept at this station and checked when the server is back.</translation>
        </message>
        <message>
            <source>INTERCEPTED</source>
            <translation>INTERCEPTED</translation>
        </message>
        <message>
            <source>Order {order_no} is verified but not packed: to packing first.</source>
            <translation>Order {order_no} is verified but not packed: to packing first.</translation>
        </message>
        <message>
            <source>Not weighed</source>
            <translation>Not weighed</translation>
        </message>
        <message>
            <source>Stub: stays on the parcel (not weighed)</source>
            <translation>Stub: stays on the parcel (not weighed)</translation>
        </message>
        <message>
            <source>Order {order} · waybill {waybill}</source>
            <translation>Order {order} · waybill {waybill}</translation>
        </message>
        <message>
            <source>re-weigh (weighed {n} time(s) before)</source>
            <translation>re-weigh (weighed {n} time(s) before)</translation>
        </message>
        <message>
            <source>batch of {n} parcels</source>
            <translation>batch of {n} parcels</translation>
        </message>
        <message>
            <source>Expected {grams} g ± {tol} g</source>
            <translation>Expected {grams} g ± {tol} g</translation>
        </message>
        <message>
            <source>Scale shows {grams} g</source>
            <translation>Scale shows {grams} g</translation>
        </message>
        <message>
            <source>✖ Scale not connected</source>
            <translation>✖ Scale not connected</translation>
        </message>
        <message>
            <source>⚠ Scale sends no data</source>
            <translation>⚠ Scale sends no data</translation>
        </message>
        <message>
            <source>… Connecting to the scale</source>
            <translation>… Connecting to the scale</translation>
        </message>
        <message>
            <source>✖ Scale OVERLOAD</source>
            <translation>✖ Scale OVERLOAD</translation>
        </message>
        <message>
            <source>~ Scale in motion</source>
            <translation>~ Scale in motion</translation>
        </message>
        <message>
            <source>✔ Scale stable</source>
            <translation>✔ Scale stable</translation>
        </message>
        <message>
            <source>{grams} g</source>
            <translation>{grams} g</translation>
        </message>
        <message>
            <source>Recording…</source>
            <translation>Recording…</translation>
        </message>
        <message>
            <source>NOT RECORDED — weigh again</source>
            <translation>NOT RECORDED — weigh again</translation>
        </message>
        <message>
            <source>KEPT OFFLINE — not checked yet</source>
            <translation>KEPT OFFLINE — not checked yet</translation>
        </message>
        <message>
            <source>Waybill {waybill}: {grams} g kept at this station. The server is unreachable; the verdict comes when it is back.</source>
            <translation>Waybill {waybill}: {grams} g kept at this station. The server is unreachable; the verdict comes when it is back.</translation>
        </message>
        <message numerus="yes">
            <source>⚠ Server unreachable — %n weighing(s) kept here</source>
            <translation>
                <numerusform>⚠ Server unreachable — %n weighing kept here</numerusform>
                <numerusform>⚠ Server unreachable — %n weighings kept here</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Server back: %n parcel(s) weighed offline are HELD</source>
            <translation>
                <numerusform>Server back: %n parcel weighed offline are HELD</numerusform>
                <numerusform>Server back: %n parcels weighed offline are HELD</numerusform>
            </translation>
        </message>
        <message>
            <source>Pull them back for checking: {waybills}</source>
            <translation>Pull them back for checking: {waybills}</translation>
        </message>
        <message numerus="yes">
            <source>Server back: %n weighing(s) kept offline are recorded</source>
            <translation>
                <numerusform>Server back: %n weighing kept offline are recorded</numerusform>
                <numerusform>Server back: %n weighings kept offline are recorded</numerusform>
            </translation>
        </message>
        <message>
            <source>OK — ship it</source>
            <translation>OK — ship it</translation>
        </message>
        <message>
            <source>{diff:+d} g from {expected} g</source>
            <translation>{diff:+d} g from {expected} g</translation>
        </message>
        <message>
            <source>Batch: {n} more parcel(s) covered</source>
            <translation>Batch: {n} more parcel(s) covered</translation>
        </message>
        <message>
            <source>Released by a supervisor</source>
            <translation>Released by a supervisor</translation>
        </message>
        <message>
            <source>HOLD — {reason}</source>
            <translation>HOLD — {reason}</translation>
        </message>
        <message>
            <source>Hold shelf: a supervisor overrides here or releases it for a recount.</source>
            <translation>Hold shelf: a supervisor overrides here or releases it for a recount.</translation>
        </message>
        <message>
            <source>Waybill {waybill} · order {order_no}: recorded {grams} g, expected {expected} g ± {tol} g.</source>
            <translation>Waybill {waybill} · order {order_no}: recorded {grams} g, expected {expected} g ± {tol} g.</translation>
        </message>
        <message>
            <source>Demo</source>
            <translation>Demo</translation>
        </message>
        <message>
            <source>The goods of this order are lighter than the tolerance: the scale cannot tell one missing.</source>
            <translation>The goods of this order are lighter than the tolerance: the scale cannot tell one missing.</translation>
        </message>
        <message>
            <source>Stub → bundle {bundle}, no. {position}</source>
            <translation>Stub → bundle {bundle}, no. {position}</translation>
        </message>
        <message>
            <source>Keep the stub on the parcel</source>
            <translation>Keep the stub on the parcel</translation>
        </message>
        <message>
            <source>Take the parcel off the scale</source>
            <translation>Take the parcel off the scale</translation>
        </message>
        <message>
            <source>Take the previous parcel off the scale</source>
            <translation>Take the previous parcel off the scale</translation>
        </message>
        <message>
            <source>Scan the identical parcels, then place one</source>
            <translation>Scan the identical parcels, then place one</translation>
        </message>
        <message>
            <source>Place the parcel on the scale</source>
            <translation>Place the parcel on the scale</translation>
        </message>
        <message>
            <source>No open stub bundle</source>
            <translation>No open stub bundle</translation>
        </message>
        <message>
            <source>Bundle {bundle}: {filled}/{size} stubs</source>
            <translation>Bundle {bundle}: {filled}/{size} stubs</translation>
        </message>
        <message>
            <source>Close stub bundle</source>
            <translation>Close stub bundle</translation>
        </message>
        <message>
            <source>How many stubs are in your hand?</source>
            <translation>How many stubs are in your hand?</translation>
        </message>
        <message>
            <source>Bundle {bundle} closed: {n} stubs match</source>
            <translation>Bundle {bundle} closed: {n} stubs match</translation>
        </message>
        <message>
            <source>Register printed: {where}</source>
            <translation>Register printed: {where}</translation>
        </message>
        <message>
            <source>The register did not print: {message}</source>
            <translation>The register did not print: {message}</translation>
        </message>
        <message>
            <source>Bundle not closed</source>
            <translation>Bundle not closed</translation>
        </message>
    </context>
    <context>
        <name>Weight</name>
        <message>
            <source>too light by {grams} g</source>
            <translation>too light by {grams} g</translation>
        </message>
        <message>
            <source>too heavy by {grams} g</source>
            <translation>too heavy by {grams} g</translation>
        </message>
    </context>
    <context>
        <name>WeightsStation</name>
        <message>
            <source>SKU</source>
            <translation>SKU</translation>
        </message>
        <message>
            <source>Product</source>
            <translation>Product</translation>
        </message>
        <message>
            <source>Master weight</source>
            <translation>Master weight</translation>
        </message>
        <message>
            <source>Learned weight</source>
            <translation>Learned weight</translation>
        </message>
        <message>
            <source>Parcels (spread)</source>
            <translation>Parcels (spread)</translation>
        </message>
        <message>
            <source>In use</source>
            <translation>In use</translation>
        </message>
        <message>
            <source>Difference</source>
            <translation>Difference</translation>
        </message>
        <message>
            <source>1 Adopt the learned weight</source>
            <translation>1 Adopt the learned weight</translation>
        </message>
        <message>
            <source>2 Back to the master weight</source>
            <translation>2 Back to the master weight</translation>
        </message>
        <message>
            <source>Scan or select a product, then 1 adopt or 2 master weight</source>
            <translation>Scan or select a product, then 1 adopt or 2 master weight</translation>
        </message>
        <message>
            <source>{grams} (adopted)</source>
            <translation>{grams} (adopted)</translation>
        </message>
        <message>
            <source>{grams} (master)</source>
            <translation>{grams} (master)</translation>
        </message>
        <message numerus="yes">
            <source>%n product(s) learned from the scale; </source>
            <translation>
                <numerusform>%n product learned from the scale; </numerusform>
                <numerusform>%n products learned from the scale; </numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n differ by {p} % or more</source>
            <translation>
                <numerusform>%n differ by {p} % or more</numerusform>
                <numerusform>%n differ by {p} % or more</numerusform>
            </translation>
        </message>
        <message>
            <source>Not enough single-product parcels weighed yet to learn from.</source>
            <translation>Not enough single-product parcels weighed yet to learn from.</translation>
        </message>
        <message>
            <source>{sku}: learned {learned}, in use {used}. 1 adopt, 2 master.</source>
            <translation>{sku}: learned {learned}, in use {used}. 1 adopt, 2 master.</translation>
        </message>
        <message>
            <source>{code} is not in the list.</source>
            <translation>{code} is not in the list.</translation>
        </message>
        <message>
            <source>Scan or select a product first.</source>
            <translation>Scan or select a product first.</translation>
        </message>
        <message>
            <source>{sku} now weighs {grams} per unit (learned)</source>
            <translation>{sku} now weighs {grams} per unit (learned)</translation>
        </message>
        <message>
            <source>{sku} back to its master weight {grams}</source>
            <translation>{sku} back to its master weight {grams}</translation>
        </message>
    </context>
</TS>
