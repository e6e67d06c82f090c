"""Qt glue for leaflets: page layout, PDF files and printers (shared by staff screen and CLI)."""
