namespace Numi.Core.Offers;

/// <summary>Draft offers are being built; published ones can be sold; archived ones are kept for history only.</summary>
public enum OfferStatus { Draft, Published, Archived }
