# Mijn organisatie (B1-B5).
