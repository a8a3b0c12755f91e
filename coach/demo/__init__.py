"""The fictional demo caseload: generate_cases() yields cases, build_demo() stores them."""

from coach.demo.generator import build_demo, generate_cases

__all__ = ["build_demo", "generate_cases"]
