"""The PySide6 desktop client. The only package (with app.py) that imports Qt."""
