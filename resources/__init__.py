"""Icons, fonts, styles and translations, shipped inside the package as coachdesk.resources."""
