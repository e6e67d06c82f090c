"""The speech process the kiosk starts for read aloud (see ``kiosk.speech.helper``)."""
