"""Tools that change a data folder at the curator's request: ``migrate`` upgrades an older one.

Stands beside ``publish``: it reads the declaration and writes only the data folder it is given.
"""
