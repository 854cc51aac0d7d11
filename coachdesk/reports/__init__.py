"""Shareable PDF documents built with ReportLab."""
