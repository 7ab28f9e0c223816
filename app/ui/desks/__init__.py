"""The desks: one module, or one folder when it has several parts, per station of the floor
(`app.domain.stations` lists them). `scan` is the base of the scanning desks (pick, verify,
pack, handover, held orders). A desk is thin: its rules are in `app.domain`, its
transactions in `app.services`; it uses the kit and never the shell."""
