"""The devices station: scale and scanner settings with a live view (`panel`), its scale part (`scale`), scanner part (`scanner`) and wording (`texts`)."""
