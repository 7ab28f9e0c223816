<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
            <source>Wrong PIN.</source>
            <translation>Wrong PIN.</translation>
        </message>
        <message>
            <source>No order matches {key}.</source>
            <translation>No order matches {key}.</translation>
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
            <source>Something went wrong: {code}</source>
            <translation>Something went wrong: {code}</translation>
        </message>
    </context>
    <context>
        <name>Event</name>
        <message>
            <source>Imported</source>
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
            <translation>Choose a station</translation>
        </message>
    </context>
    <context>
        <name>Stations</name>
        <message>
            <source>Order browser</source>
            <translation>Order browser</translation>
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
</TS>
