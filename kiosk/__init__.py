"""Clinic information kiosk: plain-English answers for waiting rooms."""

APP_NAME = "Clinic Kiosk"
APP_ID = "clinic-kiosk"
__version__ = "0.1.0"
