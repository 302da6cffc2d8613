"""Hostile inputs, round 3: each case builds its input in a temporary folder (see ``cases``)."""
