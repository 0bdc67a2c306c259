"""What every medium's layout shares: measured text, the time scale, picture
sizes, link text, the words deckgen adds, and the primitives (`Box`, lines)."""
