"""Plain-Python core of the kiosk: content, rendering, search, settings. Never imports Qt."""
