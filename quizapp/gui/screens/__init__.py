"""The screens of the main window: each lays out its widgets and reports what the user asks for."""
