"""Pipeline core: the stage protocol, the registry, building and running a chain of stages."""

from rasd.pipeline.core import Pipeline, build_pipeline, check_chain
from rasd.pipeline.registry import STAGES, register
from rasd.pipeline.stage import Stage

__all__ = ["STAGES", "Pipeline", "Stage", "build_pipeline", "check_chain", "register"]
