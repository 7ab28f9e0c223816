"""The shop platforms' open APIs for e-waybills (电子面单): a library like ``devices`` and
``printing`` — no Qt, no ``app`` imports.

Each platform signs its gateway requests its own way (`platforms.signing`); a platform's
answer that is an error becomes `platforms.errors.PlatformError`, transient (worth a retry with
the same ``object_id``) or business (stop that order with the platform's reason). The sources
behind every field are in ``docs/dev/research/platform-ewaybills.md``.
"""
