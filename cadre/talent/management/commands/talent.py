from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre talent ACTION …'; 'cadre talent --help' lists the actions."
    prefix = "talent"
