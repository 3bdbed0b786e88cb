/* test-cert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificate of the unit tests that read or pin one.
 */

#pragma once

#include <glib.h>

/* A self-signed P-256 certificate made for these tests (openssl req -x509, 10 years). */
static G_GNUC_UNUSED const char test_cert_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBqDCCAU6gAwIBAgIBATAKBggqhkjOPQQDAjAzMRcwFQYDVQQDDA5zb2Nrc2Nv\n"
  "cGUudGVzdDEYMBYGA1UECgwPU29ja3Njb3BlIFRlc3RzMB4XDTI2MTEyNjAxNDQw\n"
  "OVoXDTM2MTEyMzAxNDQwOVowMzEXMBUGA1UEAwwOc29ja3Njb3BlLnRlc3QxGDAW\n"
  "BgNVBAoMD1NvY2tzY29wZSBUZXN0czBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IA\n"
  "BNpFVwqCZxD1J9rOF6mzAYhsjX3HNZhlLjuFnm6STb5esWz7hMLJ+c9tTEzjA17z\n"
  "qB2PrMjkZsoh12h8IyJh+ZajUzBRMB0GA1UdDgQWBBT3+BPoLy/CTQ5CwyajNvoC\n"
  "CwEN7zAfBgNVHSMEGDAWgBT3+BPoLy/CTQ5CwyajNvoCCwEN7zAPBgNVHRMBAf8E\n"
  "BTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQDZJqRargkqmPBXOiAyoL7R3r8sAKyT\n"
  "JHq+VPbiYxsdZgIgePRu9w+H1cSLkD0AG7ARUL3DEXiQ/bf6TOWucBQhm+M=\n"
  "-----END CERTIFICATE-----\n";

/* openssl x509 -noout -fingerprint -sha256 */
#define TEST_CERT_SHA256 "93c0110f84abca4e93333b1df2ca847fb939af743f278317c97bc013be7faa13"
