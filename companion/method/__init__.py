"""The networking method: prep notes, connection notes, follow-ups. Knows nothing of HTML."""
