"""Stage 6, image: the static PNG, the share card and the print sheets, drawn with matplotlib
in a second process."""
