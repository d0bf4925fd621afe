"""The shipped cases (installed as the package data ``sim.cases``; see sim/resources.py).

This file only marks the folder as a package, so importlib.resources finds it in an editable install too.
"""
