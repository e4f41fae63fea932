#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The D-Bus service file starts the program the launcher names.

Usage: check-service.py SERVICE DESKTOP APP_ID
"""
import configparser
import os
import shlex
import sys

service_path, desktop_path, app_id = sys.argv[1:4]
errors = []

service = configparser.ConfigParser(interpolation=None)
service.optionxform = str
service.read(service_path)
desktop = configparser.ConfigParser(interpolation=None)
desktop.optionxform = str
desktop.read(desktop_path, encoding="utf-8")

svc = service["D-BUS Service"]
entry = desktop["Desktop Entry"]

if os.path.basename(service_path) != app_id + ".service":
    errors.append(f"service file is named {os.path.basename(service_path)}")
if svc.get("Name") != app_id:
    errors.append(f"service Name={svc.get('Name')}, expected {app_id}")
if os.path.basename(desktop_path) != app_id + ".desktop":
    errors.append("desktop file is not named after the application ID")
if entry.get("DBusActivatable") != "true":
    errors.append("desktop file is not DBusActivatable")
if entry.get("Icon") != app_id:
    errors.append(f"desktop Icon={entry.get('Icon')}, expected {app_id}")

service_exec = shlex.split(svc.get("Exec", ""))
desktop_exec = shlex.split(entry.get("Exec", ""))
if not service_exec or not os.path.isabs(service_exec[0]):
    errors.append("service Exec must be an absolute path")
elif os.path.basename(service_exec[0]) != desktop_exec[0]:
    errors.append(f"service starts {service_exec[0]}, launcher {desktop_exec[0]}")
if "--gapplication-service" not in service_exec:
    errors.append("service Exec lacks --gapplication-service")

if errors:
    sys.exit("\n".join(errors))
print(f"{app_id}: service and launcher agree")
