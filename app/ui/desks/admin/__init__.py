"""The admin station's tabs, one module each (products, operators, carriers and waybill
pools, shops, e-waybill accounts, floor settings, audit log) and what they share
(`common`). The station itself, which holds the tabs and the status line, is
`app.ui.desks.admin.station`."""
