"""The pairing cores, plain Python without Django: matching seekers with peers, a rota."""
