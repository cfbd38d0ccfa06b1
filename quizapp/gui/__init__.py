"""The desktop app: screens in PySide6 over the Qt-free core."""
