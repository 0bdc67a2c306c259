"""The handout's layout (pure): `layout_handout` for the article mode, and
`slides.layout_slide_pages` placing the deck's slides as thumbnails;
`keydates.key_dates_strip`: the key dates' timeline to scale."""
