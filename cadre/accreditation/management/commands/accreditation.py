from cadre.core.dispatch import DispatchCommand


class Command(DispatchCommand):
    help = "Runs 'cadre accreditation KIND …'; 'cadre accreditation --help' lists the kinds."
    prefix = "accreditation"
