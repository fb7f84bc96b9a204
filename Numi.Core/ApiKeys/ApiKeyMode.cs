namespace Numi.Core.ApiKeys;

public enum ApiKeyMode
{
    Test,
    Live,
}
