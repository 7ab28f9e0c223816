"""Documents (PDF), label languages and print backends: a library with no app imports."""
