"""The weigh station: the station (`station`), the scale bridge (`scale`), stubs, the supervisor override, offline weighing and wording (`texts`)."""
