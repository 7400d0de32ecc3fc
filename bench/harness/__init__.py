"""Keeper's benchmark harness: drives Keeper, supervisord and pm2 the same way and observes them through /proc."""
