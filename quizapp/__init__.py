"""quizapp: a desktop quiz application for self-study, the classroom and question authors."""

__version__ = "0.1.0"
