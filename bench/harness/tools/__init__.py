"""One adapter class per benchmarked tool, all with the interface of base.Tool."""
from .base import Tool, ToolError
from .keeper import Keeper
from .pm2 import Pm2
from .supervisord import Supervisord

ALL = (Keeper, Supervisord, Pm2)
NAMES = tuple(tool.name for tool in ALL)

__all__ = ["ALL", "NAMES", "Keeper", "Pm2", "Supervisord", "Tool", "ToolError"]
