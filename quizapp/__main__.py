"""Lets `python -m quizapp` run the same command line as `quizapp`."""

import sys

from quizapp.cli import main

sys.exit(main())
