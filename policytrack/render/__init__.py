"""The edges meant for people and other tools: exports, the SVG chart, the HTML report.

They take the analyses' results and write them; they compute nothing of their own.
"""
