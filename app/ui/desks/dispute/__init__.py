"""The dispute desk: the station (`station`), its layout (`layout`) and wording (`texts`)."""
