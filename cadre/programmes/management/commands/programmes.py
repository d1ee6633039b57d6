from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre programmes KIND …'; 'cadre programmes --help' lists the kinds."
    prefix = "programmes"
