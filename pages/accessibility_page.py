"""Accessibility statement, in the model format the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018 ask for; the static site prints the same
(the words are the registry's Statement block)."""

from pfcc.render.live import blocks

blocks.draw_page("accessibility")
