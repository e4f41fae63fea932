#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The OSAI reports flow as the OSAI documentation walks through it in Python:
# sign in, check the user, generate a report, poll every 2 seconds, download
# the detailed report.  Exits non-zero on any failure.

import argparse
import json
import sys
import time

import requests

OSAI_URL = 'https://app-eu.onestepai.com/api'
API_TOKEN = ''
HEADERS = {}


def sign_in(form):
    global HEADERS
    if form == 'post':
        token = requests.post(url=f'{OSAI_URL}/Users/SignIn', json=API_TOKEN)
        token.raise_for_status()
        HEADERS = {'Authorization': f'Bearer {token.text}'}
    else:
        token = requests.get(url=f'{OSAI_URL}/Users/SignIn', params={'token': API_TOKEN})
        token.raise_for_status()
        HEADERS = {'Authorization': token.text}


def get_user_info():
    user = requests.get(url=f'{OSAI_URL}/Users', headers=HEADERS)
    user.raise_for_status()
    return user.json()


def generate_report(period_from, period_to):
    body = {
        'periodFrom': period_from,
        'periodTo': period_to,
        'includeDatasets': True,
        'includeManipulations': True,
        'includeModels': True,
        'includeRentedDevices': True,
        'includePredictions': True,
    }
    report = requests.post(url=f'{OSAI_URL}/Reports', json=body, headers=HEADERS)
    report.raise_for_status()
    return report.json()


def check_report_status(report_id):
    report = requests.get(url=f'{OSAI_URL}/Reports/{report_id}', headers=HEADERS)
    report.raise_for_status()
    return report.json()


def download_report(path, output):
    # A pre-signed URL: no Authorization header, the token stays with the API.
    with requests.get(url=path, stream=True) as detail:
        detail.raise_for_status()
        expected = int(detail.headers.get('Content-Length', '-1'))
        written = 0
        with open(output, 'wb') as out:
            for chunk in detail.iter_content(chunk_size=64 * 1024):
                out.write(chunk)
                written += len(chunk)
    if expected >= 0 and written != expected:
        raise RuntimeError(f'detailed report cut short: {written} of {expected} bytes')
    return written


def main():
    global OSAI_URL, API_TOKEN
    parser = argparse.ArgumentParser(description='Run the documented OSAI reports flow.')
    parser.add_argument('--url', default=OSAI_URL)
    parser.add_argument('--token', required=True)
    parser.add_argument('--sign-in', choices=['post', 'get'], default='post')
    parser.add_argument('--output', required=True)
    args = parser.parse_args()
    OSAI_URL = args.url.rstrip('/')
    API_TOKEN = args.token

    sign_in(args.sign_in)
    user = get_user_info()
    print(f"Signed in as {user.get('email')}")

    created = generate_report('2022-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000')
    report_id = created['id']
    print(f'Report {report_id} requested')

    report = check_report_status(report_id)
    while report['status'] not in (0, 1):
        if report['status'] != -1:
            raise RuntimeError(f"unknown report status {report['status']}")
        time.sleep(2)
        report = check_report_status(report_id)

    print(json.dumps(report, indent=4))
    if report['status'] != 0:
        raise RuntimeError('the report could not be generated')

    size = download_report(report['path'], args.output)
    print(f'Detailed report: {size} bytes in {args.output}')


if __name__ == '__main__':
    try:
        main()
    except (requests.RequestException, RuntimeError, KeyError, ValueError) as error:
        print(f'python-flow: {error}', file=sys.stderr)
        sys.exit(1)
