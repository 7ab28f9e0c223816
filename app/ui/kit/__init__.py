"""The kit: what more than one desk uses. Widgets and fonts (`widgets`), the context the shell
hands every desk (`context`), wording of codes and statuses (`texts`, `fmt`), the worker pool
that keeps services off the GUI thread (`workers`), the wedge-scanner filter, sounds, the
order timeline, the PDF preview, printer choice, the station's offline outbox, the
shipment export panel and fitting dialogs to the screen (`screen`).

The kit imports neither the shell nor a desk."""
