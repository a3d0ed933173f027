"""How robust a game's conclusions are: exact stability margins (:mod:`.core`), rank
margins (:mod:`.ranks`) and the frequency with which each conclusion survives random
perturbations (:mod:`.sampling`, imported only when sampling)."""

from .core import KIND_ORDER, Margin, RobustnessReport, robustness, stability_margins
from .ranks import RankMargin

__all__ = ["KIND_ORDER", "Margin", "RankMargin", "RobustnessReport",
           "robustness", "stability_margins"]
