"""The shell: what runs before and around a station. The program's start (`main`), the window
with its header, language switch and station chooser (`main_window`), sign-in, the idle
lock, the style and translators, the station registry (`stations`, which imports a desk only
when it is opened), the icons, and the scan-to-paint benchmark that drives a real desk.

The shell may import the desks and the kit; neither imports the shell (import-linter
holds it)."""
