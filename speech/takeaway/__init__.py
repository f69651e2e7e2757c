"""What a reader takes away: the downloads' text, Word layout, PDFs printed by Chromium, QR codes."""
