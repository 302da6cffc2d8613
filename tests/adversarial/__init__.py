"""Cases run from the outside, as a user would: each builds its input in a temporary folder, runs the
command line (or ``make``), and checks what the README promises for that input.

``harness`` holds a case and runs it; ``checks`` and ``builders`` are the pieces cases are written
with; the cases themselves live in the test modules named for what they hold (``table.MODULES``),
and ``python -m tests.adversarial.table`` prints them all as one table.
"""
