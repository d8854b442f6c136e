"""好差评 (国办发〔2019〕51号; GB/T 39734/39735-2020): an engine every case type uses by declaration. A concluded case
opens an invitation to its applicant; his rating is one per case, never edited or deleted; every 差评 is verified
and rectified on the deadline clock; departments, items and approvers are ranked with small samples treated
honestly."""
