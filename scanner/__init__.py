"""mlposture: posture scanner for machine-learning workloads in the cloud."""

__version__ = "0.1.0"
