"""The print station: the station (`station`), its layout, actions (print, reprint, void, preview), dialogs, wording and the platform e-waybill panel."""
