"""Distances on the sphere, one at a time and by the thousand.

Points become unit vectors in 3D so that a k-d tree (straight-line, "chord" distances) can find
everyone within walking reach; the chord converts exactly to the great-circle distance, which
is monotone in it, so "the k nearest by chord" are the k nearest on the sphere too.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from entraide.formation.model import Person

EARTH_RADIUS_KM = 6371.0088

FloatArray = npt.NDArray[np.float64]


def distance_km(a: Person, b: Person) -> float:
    """Return the great-circle distance between two homes (haversine, R = 6371.0088 km)."""
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(b.lon - a.lon) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    # Rounding can push h a hair above 1 for antipodal points, which asin rejects.
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def unit_vectors(lats: FloatArray, lons: FloatArray) -> FloatArray:
    """Return an (n, 3) array of points on the unit sphere for latitudes and longitudes."""
    phi, lam = np.radians(lats), np.radians(lons)
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def chord_to_km(chord: FloatArray) -> FloatArray:
    """Convert straight-line distances between unit vectors to great-circle kilometres."""
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, chord / 2))


def km_to_chord(km: float) -> float:
    """Return the chord of a great-circle distance, capped at the sphere's diameter."""
    return 2 * math.sin(min(math.pi, km / EARTH_RADIUS_KM) / 2)


def pair_km(points: FloatArray, a: npt.NDArray[np.intp], b: npt.NDArray[np.intp]) -> FloatArray:
    """Return the great-circle distances between points[a] and points[b], element by element."""
    return chord_to_km(np.linalg.norm(points[a] - points[b], axis=-1))
