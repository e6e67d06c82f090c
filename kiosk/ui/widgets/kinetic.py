"""Swipe and drag scrolling for touchscreens (Qt needs QScroller for it)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QScrollerProperties


def enable_kinetic_scrolling(area: QAbstractScrollArea) -> QScroller:
    """Let a finger (or a mouse drag, as many kiosk touch drivers send) scroll ``area``."""
    viewport = area.viewport()
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    props = scroller.scrollerProperties()
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    props.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
    props.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
    # A short drag threshold so a tap on a link is still a tap, not the start of a scroll.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.DragStartDistance, 0.004)
    # Deliver a press at once: with the default delay, a tap that changes screen left the
    # gesture half-finished and the next tap was swallowed.
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)
    return scroller
