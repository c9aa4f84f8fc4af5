/*
 * libFuzzer target: ID tokens and key sets from a provider. The input
 * is tried as a token against a fixed key set, as a key set for a fixed
 * token signed by its key, and as the claims of a verified token.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jwt.h"
#include "oidc.h"

static const char keyset[] =
	    "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\","
	    "\"n\":\"2c9ZrZGUkl"
	    "f8H05loxBCvQM7Qv-4AG1OrrpiSOATeKMY9J9hNkiFbSsYH7oUa50lWdCMPt"
	    "AXk-LXPFf1hvQ6eR_TE3924aYFxvaFeqzpUof2junSXh20TmiIpqRBG2FLO8"
	    "0f_1-UI6l6dL83rw0nhj_Ioc-h6NSjow0huIT386Lh29rWKfJ_vlghBouGzo"
	    "1RUsNZU3NCJGtGKJZgWuEt86AjEDQ-p4aYF5RMy1JgRIHrxhjWEeUWzzrfsM"
	    "eckoHM2hE2tKgsTX-yrdkq5AvpxK0ynf1-cdxbofkDZXdudJDviAtte6F-Qw"
	    "O22nWnb505IHX_p1_ElYwjVRlbggN-5Q\",\"e\":\"AQAB\"}]}";
static const char token[] =
	    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2lk"
	    "LnRlc3QiLCJhdWQiOiJ0b3RldW1hIiwic3ViIjoicyIsIm5vbmNlIjoibiIs"
	    "ImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMzAwLCJlbWFpbCI6ImFA"
	    "Yi5maSIsImVtYWlsX3ZlcmlmaWVkIjp0cnVlfQ.FLeSA_AKFi4Zge1ZluSGC"
	    "BjnxTyurcU9IZwbfBIAq7vigfieacJ_h5kWDaVbtextpnQnnghyX5P_RKIuS"
	    "GsRpnqlDJu4A67mwxMH1ncTwX0jMNBdxE7jmQuVr87mboL4iXWe81P3y3_Nc"
	    "ycjMNTHxHTqS9ODcNpQRINWaVdIvrk7REbSZJV6yY1vpHKq5MXGS4YpJ72cQ"
	    "-2br5m_iAWIjW4KFZK37869Dhi5vIPEXv9H1itrgTvqqSILJNgBDWoKq5PNk"
	    "0kU0GSwGjKjKWTmvShgrQwCyPyxZ_fkOPZoETR1Yl6yUWNyE-EB8QsY00uDq"
	    "wobB0KROZcq0q4oTpULyQ";

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct jwt_expect	 want = { "https://id.test", "toteuma", "n",
				    1700000100 };
	struct oidc_identity	 id;
	json_t			*set, *in, *claims;
	const char		*why;
	char			*s, kid[JWT_KID_MAX + 1];

	if ((s = malloc(len + 1)) == NULL)
		return 0;
	memcpy(s, data, len);
	s[len] = '\0';
	set = json_loads(keyset, 0, NULL);
	if (jwt_verify(s, set, &claims, kid) == JWT_OK)
		jwt_claims_check(claims, &want, &why);
	json_decref(claims);
	json_decref(set);
	if ((in = json_loadb(s, len, JSON_REJECT_DUPLICATES, NULL)) != NULL) {
		if (jwt_verify(token, in, &claims, kid) == JWT_OK)
			json_decref(claims);
		jwt_claims_check(in, &want, &why);
		oidc_identity_read(in, &id, &why);
		json_decref(in);
	}
	free(s);
	return 0;
}
